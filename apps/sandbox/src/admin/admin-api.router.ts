import { Router, type Request, type Response } from 'express';
import { AdminSchemaLoader } from '../graphql/admin-schema.loader';
import type { GraphqlExecutor, GraphqlRequest } from '../graphql/graphql-executor';
import type { ResolverContext } from '../resolvers/resolver-context';
import { SandboxStore } from '../state/sandbox-store';
import type { AdminCallLog, AdminCallEntry } from './admin-call.log';

const INVALID_TOKEN = { errors: '[API] Invalid API key or access token (unrecognized login or wrong password)' };

export interface AdminApiDeps {
  store: SandboxStore;
  executor: GraphqlExecutor;
  log: AdminCallLog;
  random: () => number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** POST /{shop}.myshopify.com/admin/api/{version}/graphql.json (or un-prefixed, shop found from the token). */
export class AdminApiRouter {
  static create(deps: AdminApiDeps): Router {
    const router = Router();
    const handler = async (req: Request, res: Response) => {
      const { store } = deps;
      const version = String(req.params.version);
      const pathShop = typeof req.params.shop === 'string' ? SandboxStore.normalizeShop(req.params.shop) : null;
      const admin = AdminSchemaLoader.load(version);
      if (!admin) {
        res.status(404).json({ errors: 'Not Found' });
        return;
      }
      const token = store.token(req.header('x-shopify-access-token'));
      if (!token || (pathShop !== null && token.shop !== pathShop)) {
        res.status(401).json(INVALID_TOKEN);
        return;
      }
      const shop = store.requireShop(token.shop);
      const entry: AdminCallEntry = {
        at: new Date(store.nowMs()).toISOString(),
        shop: shop.domain,
        apiKey: token.staff ? null : token.apiKey,
        staff: token.staff,
        version,
        operationName: null,
        rootFields: [],
        requestedCost: null,
        actualCost: null,
        available: null,
        status: 200,
        throttled: false,
        errors: [],
        fault: null,
      };
      if (shop.faults.latencyMs > 0) {
        await sleep(shop.faults.latencyMs);
      }
      if (shop.faults.errorRate > 0 && deps.random() < shop.faults.errorRate) {
        // The request is named in the log (what the app asked for), though nothing of it executes.
        entry.operationName = AdminApiRouter.operationName(AdminApiRouter.body(req));
        AdminApiRouter.fail(deps, req, res, entry, '');
        return;
      }
      const request = AdminApiRouter.body(req);
      if (!request) {
        entry.status = 400;
        deps.log.add(entry);
        res.status(400).json({ errors: { query: 'Required parameter missing or invalid' } });
        return;
      }
      const ctx: ResolverContext = {
        store,
        shop,
        token,
        admin,
        baseUrl: `${req.protocol}://${req.get('host') ?? 'localhost'}`,
        unbounded: false,
      };
      const outcome = deps.executor.run(request, ctx);
      Object.assign(entry, {
        operationName: outcome.operationName,
        rootFields: outcome.rootFields,
        requestedCost: outcome.requestedCost,
        actualCost: outcome.actualCost,
        throttled: outcome.throttled,
        available:
          (outcome.body.extensions as { cost?: { throttleStatus?: { currentlyAvailable?: number } } } | undefined)?.cost?.throttleStatus
            ?.currentlyAvailable ?? null,
        errors: ((outcome.body.errors as { message: string }[] | undefined) ?? []).map((e) => e.message),
      });
      const after = shop.faults.errorAfterRate ?? 0;
      if (!outcome.throttled && after > 0 && deps.random() < after) {
        // Applied, then the answer is lost: the app cannot tell this from a failure before it ran.
        AdminApiRouter.fail(deps, req, res, entry, '_after_apply');
        return;
      }
      deps.log.add(entry);
      res.status(200).json(outcome.body);
    };
    router.post('/:shop/admin/api/:version/graphql.json', handler);
    router.post('/admin/api/:version/graphql.json', handler);
    return router;
  }

  /** Half of the injected failures are 5xx answers, half are reset connections. */
  private static fail(deps: AdminApiDeps, req: Request, res: Response, entry: AdminCallEntry, suffix: string): void {
    if (deps.random() < 0.5) {
      entry.status = 503;
      entry.fault = `http_503${suffix}`;
      deps.log.add(entry);
      res.status(503).json({ errors: 'Service Unavailable' });
    } else {
      entry.status = 0;
      entry.fault = `connection_reset${suffix}`;
      deps.log.add(entry);
      req.socket.destroy();
    }
  }

  /** The operation a request names (its operationName, else its first operation's name), without executing it. */
  private static operationName(request: GraphqlRequest | null): string | null {
    if (!request) {
      return null;
    }
    return request.operationName ?? /^\s*(?:query|mutation|subscription)\s+([_A-Za-z][_0-9A-Za-z]*)/.exec(request.query)?.[1] ?? null;
  }

  private static body(req: Request): GraphqlRequest | null {
    if (typeof req.body === 'string' && req.body.trim() !== '') {
      return { query: req.body };
    }
    const body = req.body as Partial<GraphqlRequest> | undefined;
    if (!body || typeof body.query !== 'string') {
      return null;
    }
    return { query: body.query, variables: body.variables ?? null, operationName: body.operationName ?? null };
  }
}
