import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express, { type Express } from 'express';
import { AdminApiRouter } from './admin/admin-api.router';
import { AdminCallLog } from './admin/admin-call.log';
import { ControlSurfaceRouter } from './control/control-surface';
import { ControlRouter } from './control/control.router';
import { SandboxFieldResolver } from './graphql/field-resolver';
import { GraphqlExecutor } from './graphql/graphql-executor';
import { JoorApiRouter } from './joor/joor-api.router';
import { JoorCallLog } from './joor/joor-call.log';
import { JoorControlRouter } from './joor/joor-control.router';
import { JoorRateLimiter } from './joor/joor-rate-limiter';
import { JoorStore } from './joor/joor.store';
import { MailRouter } from './mail/mail.router';
import { MailboxStore } from './mail/mailbox.store';
import { SmtpReceiver } from './mail/smtp-receiver';
import { OAuthRouter } from './oauth/oauth.router';
import { OAuthService } from './oauth/oauth.service';
import { RootResolverRegistry } from './resolvers/root-resolver.registry';
import { SandboxStore } from './state/sandbox-store';
import { SandboxStateFile } from './state/state-file';
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
  /** SMTP receiver port, on the HTTP server's host (default 0: any free port; null: no SMTP receiver). */
  smtpPort?: number | null;
  /** When the SMTP port is taken, listen on any free port instead of failing (the standalone default 2525 may be busy). */
  smtpPortFallback?: boolean;
  /**
   * Keeps the state in this file across restarts (SANDBOX_STATE_FILE): read when the server is made (when it exists),
   * written at most every stateSaveIntervalMs after a change, and on close.
   */
  stateFile?: string;
  stateSaveIntervalMs?: number;
}

export interface SandboxServer {
  app: Express;
  store: SandboxStore;
  webhooks: WebhookDispatcher;
  /** What the SMTP receiver caught. */
  mailbox: MailboxStore;
  /** The SMTP receiver's bound port once listening (null before, after close, or when disabled). */
  readonly smtpPort: number | null;
  /** Shops found in the state file at start (null: no state file, or none there yet). */
  readonly restoredShops: number | null;
  /** Starts HTTP, then the SMTP receiver on the same host. */
  listen(port?: number, host?: string): Promise<{ port: number; url: string; smtpPort: number | null }>;
  /** Stops both, then saves the state (with a state file). */
  close(): Promise<void>;
}

/**
 * Builds the sandbox: Shopify (Admin GraphQL, OAuth, webhooks), the JOOR v2 order API under /joor/v2, the SMTP
 * receiver, and the /__sandbox control surface.
 */
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

  const joor = new JoorStore(store);
  const joorLimiter = new JoorRateLimiter(now);
  const joorLog = new JoorCallLog();
  const mailbox = new MailboxStore();
  const smtp = new SmtpReceiver(mailbox, now);
  const stateFile = options.stateFile ? new SandboxStateFile(options.stateFile, store, mailbox, options.stateSaveIntervalMs) : null;
  const restoredShops = stateFile ? stateFile.load() : null;

  const app = express();
  app.disable('x-powered-by');
  if (stateFile) {
    // Any request may change the state (JOOR's GET with sync=1 marks orders too); unchanged state is not rewritten.
    app.use((_req, res, next) => {
      stateFile.touch();
      res.once('finish', () => stateFile.touch());
      next();
    });
    store.events.on('event', () => stateFile.touch());
    mailbox.onChange = () => stateFile.touch();
  }
  app.use(express.json({ limit: '20mb' }));
  app.use(express.urlencoded({ extended: false }));
  app.use(express.text({ type: 'application/graphql', limit: '20mb' }));
  app.use(ControlSurfaceRouter.create({ store, smtpPort: () => smtp.port, stateFile: options.stateFile ?? null }));
  app.use(
    ControlRouter.create({
      store,
      log,
      dispatcher: webhooks,
      buckets,
      transient: [joorLimiter, joorLog, mailbox],
      smtpPort: () => smtp.port,
    }),
  );
  app.use(JoorControlRouter.create({ joor, limiter: joorLimiter, log: joorLog }));
  app.use(JoorApiRouter.create({ store, joor, limiter: joorLimiter, log: joorLog, random }));
  app.use(MailRouter.create(mailbox));
  app.use(OAuthRouter.create(new OAuthService(store), store));
  app.use(AdminApiRouter.create({ store, executor, log, random }));

  let server: Server | undefined;
  const listenSmtp = async (host: string): Promise<number | null> => {
    const port = options.smtpPort === undefined ? 0 : options.smtpPort;
    if (port === null) {
      return null;
    }
    try {
      return await smtp.listen(port, host);
    } catch (error) {
      if (options.smtpPortFallback && (error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
        return smtp.listen(0, host);
      }
      throw error;
    }
  };
  const closeHttp = () =>
    new Promise<void>((resolve) => {
      if (!server) {
        resolve();
        return;
      }
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return {
    app,
    store,
    webhooks,
    mailbox,
    get smtpPort() {
      return smtp.port;
    },
    restoredShops,
    async listen(port = 0, host = '127.0.0.1') {
      const http = await new Promise<{ port: number; url: string }>((resolve, reject) => {
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
      try {
        return { ...http, smtpPort: await listenSmtp(host) };
      } catch (error) {
        // Both or neither: a sandbox without its SMTP port would lose alerts silently.
        await closeHttp();
        throw error;
      }
    },
    async close() {
      webhooks.close();
      await Promise.all([closeHttp(), smtp.close()]);
      stateFile?.close();
    },
  };
}
