import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express, { type Express } from 'express';
import { AdminApiRouter } from './admin/admin-api.router';
import { AdminCallLog } from './admin/admin-call.log';
import { ControlRouter } from './control/control.router';
import { SandboxFieldResolver } from './graphql/field-resolver';
import { GraphqlExecutor } from './graphql/graphql-executor';
import { OAuthRouter } from './oauth/oauth.router';
import { OAuthService } from './oauth/oauth.service';
import { RootResolverRegistry } from './resolvers/root-resolver.registry';
import { SandboxStore } from './state/sandbox-store';
import { BucketRegistry } from './throttle/bucket-registry';
import { WebhookDispatcher } from './webhooks/webhook-dispatcher';

export interface SandboxServerOptions {
  /** Clock for cost buckets, token expiry and timestamps (tests may inject one). */
  now?: () => number;
  /** Random source for injected faults. */
  random?: () => number;
  /** Base of the webhook retry backoff: retry n waits base × 2^n ms (Shopify: minutes; tests: a few ms). */
  webhookBackoffMs?: number;
  webhookTimeoutMs?: number;
  webhookMaxRetries?: number;
  /** Deliveries in flight at once (default 32). */
  webhookMaxConcurrent?: number;
}

export interface SandboxServer {
  app: Express;
  store: SandboxStore;
  webhooks: WebhookDispatcher;
  listen(port?: number, host?: string): Promise<{ port: number; url: string }>;
  close(): Promise<void>;
}

/** Builds the Shopify sandbox: Admin GraphQL, OAuth, webhooks and the /__sandbox control surface. */
export function createSandboxServer(options: SandboxServerOptions = {}): SandboxServer {
  const now = options.now ?? Date.now;
  const random = options.random ?? Math.random;
  const store = new SandboxStore(now);
  const buckets = new BucketRegistry(now);
  const log = new AdminCallLog();
  // Bulk operations execute queries too, so the registry reaches the resolver lazily.
  const holder: { resolver?: SandboxFieldResolver } = {};
  const fieldResolver = new SandboxFieldResolver(RootResolverRegistry.build(() => holder.resolver as SandboxFieldResolver));
  holder.resolver = fieldResolver;
  const executor = new GraphqlExecutor(fieldResolver, buckets);
  const webhooks = new WebhookDispatcher(store, {
    backoffMs: options.webhookBackoffMs ?? 60_000,
    timeoutMs: options.webhookTimeoutMs ?? 5_000,
    maxRetries: options.webhookMaxRetries ?? 8,
    ...(options.webhookMaxConcurrent ? { maxConcurrent: options.webhookMaxConcurrent } : {}),
    random,
  });

  const app = express();
  app.disable('x-powered-by');
  app.use(express.json({ limit: '20mb' }));
  app.use(express.urlencoded({ extended: false }));
  app.use(express.text({ type: 'application/graphql', limit: '20mb' }));
  app.use(ControlRouter.create({ store, log, dispatcher: webhooks, buckets }));
  app.use(OAuthRouter.create(new OAuthService(store), store));
  app.use(AdminApiRouter.create({ store, executor, log, random }));

  let server: Server | undefined;
  return {
    app,
    store,
    webhooks,
    listen(port = 0, host = '127.0.0.1') {
      return new Promise((resolve, reject) => {
        const s = app.listen(port, host, (error?: Error) => {
          if (error) {
            reject(error);
            return;
          }
          const address = s.address() as AddressInfo;
          resolve({ port: address.port, url: `http://${host}:${address.port}` });
        });
        server = s;
      });
    },
    close() {
      webhooks.close();
      return new Promise((resolve) => {
        if (!server) {
          resolve();
          return;
        }
        server.closeAllConnections();
        server.close(() => resolve());
      });
    },
  };
}
