import { Router, type Request, type Response } from 'express';
import type { SandboxStore } from '../state/sandbox-store';
import type { JoorCallEntry, JoorCallLog } from './joor-call.log';
import { JoorDates } from './joor-dates';
import { JoorExportQuery } from './joor-export.query';
import { JoorExportService } from './joor-export.service';
import { JoorOrderView } from './joor-order.view';
import type { JoorRateLimiter } from './joor-rate-limiter';
import type { JoorAccountRecord } from './joor-records';
import type { JoorStore } from './joor.store';

export interface JoorApiDeps {
  store: SandboxStore;
  joor: JoorStore;
  limiter: JoorRateLimiter;
  log: JoorCallLog;
  random: () => number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
// What research §2.7 says a call costs.
const GET_CREDITS = 1;
const WRITE_CREDITS = 5;
const FAULTS = [
  { status: 500, error: 'internal_server_error', message: 'Internal Server Error' },
  { status: 502, error: 'bad_gateway', message: 'Bad Gateway' },
  { status: 503, error: 'service_unavailable', message: 'Service Unavailable' },
];

type Fault = (typeof FAULTS)[number] & { afterMarking: boolean };

/** JOOR's v2 order API under /joor/v2: the export list and one order, with OAuth2 token auth and credit rate limits. */
export class JoorApiRouter {
  static create(deps: JoorApiDeps): Router {
    const router = Router();
    const exporter = new JoorExportService(deps.joor);

    const list = async (req: Request, res: Response) => {
      const call = await JoorApiRouter.admit(deps, req, res);
      if (!call) {
        return;
      }
      const { account, entry } = call;
      const parsed = JoorExportQuery.parse(req.query);
      // Half of the faults of a sync=1 request strike after the marking took effect: the client cannot tell.
      const fault = JoorApiRouter.fault(deps, account, parsed.ok && parsed.params.sync);
      if (fault && !fault.afterMarking) {
        JoorApiRouter.answerFault(deps, res, entry, fault);
        return;
      }
      if (!parsed.ok) {
        JoorApiRouter.answer(deps, res, entry, 400, { error: 'invalid_parameter', parameter: parsed.parameter, message: parsed.message });
        return;
      }
      const result = exporter.list(account.account, parsed.params);
      entry.marked = result.marked;
      if (fault) {
        JoorApiRouter.answerFault(deps, res, entry, fault);
        return;
      }
      entry.returned = result.returned;
      JoorApiRouter.answer(deps, res, entry, 200, result.page);
    };

    const one = async (req: Request, res: Response) => {
      const call = await JoorApiRouter.admit(deps, req, res);
      if (!call) {
        return;
      }
      const { account, entry } = call;
      const fault = JoorApiRouter.fault(deps, account, false);
      if (fault) {
        JoorApiRouter.answerFault(deps, res, entry, fault);
        return;
      }
      const order = deps.joor.order(String(req.params.orderId));
      if (!order || order.account !== account.account) {
        JoorApiRouter.answer(deps, res, entry, 404, { error: 'not_found', message: `Order ${String(req.params.orderId)} not found` });
        return;
      }
      entry.returned = [order.orderId];
      JoorApiRouter.answer(deps, res, entry, 200, JoorOrderView.render(order));
    };

    router.get(['/joor/v2/orders', '/joor/v2/order'], list);
    router.get(['/joor/v2/order/:orderId', '/joor/v2/orders/:orderId'], one);
    // Anything else under /joor/v2 is still a (charged) JOOR call, answered in JSON.
    router.all('/joor/v2/{*rest}', async (req, res) => {
      const call = await JoorApiRouter.admit(deps, req, res);
      if (call) {
        const known = /^\/joor\/v2\/orders?(\/\d+)?\/?$/.test(req.path);
        JoorApiRouter.answer(deps, res, call.entry, known ? 405 : 404, {
          error: known ? 'method_not_allowed' : 'not_found',
          message: known ? `${req.method} is not supported on ${req.path}` : `No JOOR resource at ${req.path}`,
        });
      }
    });
    return router;
  }

  /** Auth, Accept, credits, throttle and latency: the checks every JOOR call passes before it does anything. */
  private static async admit(
    deps: JoorApiDeps,
    req: Request,
    res: Response,
  ): Promise<{ account: JoorAccountRecord; entry: JoorCallEntry } | null> {
    const account = JoorApiRouter.authenticate(deps, req.header('authorization'));
    if (!account) {
      res.status(401).json({ error: 'unauthorized', message: 'Authorization: OAuth2 <base64 API token> is required' });
      return null;
    }
    res.set('X-Throttling-Account-Id', account.account);
    const entry: JoorCallEntry = {
      at: JoorDates.format(deps.store.nowMs()),
      account: account.account,
      method: req.method,
      path: req.path,
      query: { ...(req.query as Record<string, string | string[]>) },
      status: 0,
      credits: 0,
      fault: null,
      returned: [],
      marked: [],
    };
    const cost = req.method === 'GET' || req.method === 'HEAD' ? GET_CREDITS : WRITE_CREDITS;
    const decision = account.faults.throttle ? deps.limiter.peek(account) : deps.limiter.take(account, cost);
    if (account.faults.throttle || !decision.allowed) {
      entry.fault = account.faults.throttle ? 'throttle' : null;
      res.set('Retry-After', String(decision.retryAfterSeconds));
      JoorApiRouter.answer(deps, res, entry, 429, {
        error: 'too_many_requests',
        message: `Rate limit of ${account.rateLimit.credits} credits per ${account.rateLimit.windowSeconds} s exceeded`,
        retry_after: decision.retryAfterSeconds,
      });
      return null;
    }
    entry.credits = cost;
    if (account.faults.latencyMs > 0) {
      await sleep(account.faults.latencyMs);
    }
    if (!req.accepts('application/json')) {
      // JOOR also speaks XML; the sandbox does not (research §7.2).
      JoorApiRouter.answer(deps, res, entry, 406, { error: 'not_acceptable', message: 'The sandbox answers application/json only' });
      return null;
    }
    return { account, entry };
  }

  private static authenticate(deps: JoorApiDeps, header: string | undefined): JoorAccountRecord | undefined {
    const match = /^OAuth2\s+(\S+)\s*$/i.exec(header ?? '');
    if (!match) {
      return undefined;
    }
    const encoded = match[1];
    const token = Buffer.from(encoded, 'base64').toString('utf8');
    // Buffer decodes leniently; a raw (unencoded) token must not pass as its own base64.
    if (Buffer.from(token, 'utf8').toString('base64').replace(/=+$/, '') !== encoded.replace(/=+$/, '')) {
      return undefined;
    }
    return deps.joor.accountByToken(token);
  }

  private static fault(deps: JoorApiDeps, account: JoorAccountRecord, sync: boolean): Fault | null {
    if (account.faults.errorRate <= 0 || deps.random() >= account.faults.errorRate) {
      return null;
    }
    const kind = FAULTS[Math.min(FAULTS.length - 1, Math.floor(deps.random() * FAULTS.length))];
    return { ...kind, afterMarking: sync && deps.random() >= 0.5 };
  }

  private static answerFault(deps: JoorApiDeps, res: Response, entry: JoorCallEntry, fault: Fault): void {
    entry.fault = fault.afterMarking ? `http_${fault.status}_after_marking` : `http_${fault.status}`;
    JoorApiRouter.answer(deps, res, entry, fault.status, { error: fault.error, message: fault.message });
  }

  private static answer(deps: JoorApiDeps, res: Response, entry: JoorCallEntry, status: number, body: unknown): void {
    entry.status = status;
    deps.log.add(entry);
    res.status(status).json(body);
  }
}
