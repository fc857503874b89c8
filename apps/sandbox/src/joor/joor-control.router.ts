import { Router, type Request, type Response } from 'express';
import type { JoorCallLog } from './joor-call.log';
import { JoorOrderNormalizer } from './joor-order.normalizer';
import { JoorOrderView } from './joor-order.view';
import type { JoorRateLimiter } from './joor-rate-limiter';
import type { JoorFaults, JoorOrderRecord, JoorRateLimit, JoorValidationKind } from './joor-records';
import type { JoorStore } from './joor.store';

export interface JoorControlDeps {
  joor: JoorStore;
  limiter: JoorRateLimiter;
  log: JoorCallLog;
}

const KINDS: JoorValidationKind[] = ['missing_fields', 'deleted_styles'];
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const positive = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v > 0;

/** The JOOR stand-in's control surface under /__sandbox/joor (seeding, JOOR-side actions, faults, the call log). */
export class JoorControlRouter {
  static create(deps: JoorControlDeps): Router {
    const router = Router();
    const { joor } = deps;
    const body = (req: Request) => (isObject(req.body) ? req.body : {});
    const invalid = (res: Response, field: string, message: string) => res.status(400).json({ error: message, field });
    const describe = (order: JoorOrderRecord) => ({
      account: order.account,
      orderId: order.orderId,
      status: order.status,
      exportState: order.exportState,
      exportDescription: order.exportDescription,
      exportedOn: order.exportedOn,
      generation: order.generation,
      timesMarked: order.timesMarked,
      validationFailure: order.validationFailure,
      order: JoorOrderView.render(order),
    });
    const known = (req: Request, res: Response): JoorOrderRecord | null => {
      const order = joor.order(String(req.params.orderId));
      if (!order) {
        res.status(404).json({ error: `Unknown JOOR order ${String(req.params.orderId)}` });
        return null;
      }
      return order;
    };

    router.post('/__sandbox/joor/accounts', (req, res) => {
      const b = body(req);
      if (typeof b.account !== 'string' || b.account === '') {
        invalid(res, 'account', 'account is required');
        return;
      }
      if (typeof b.apiToken !== 'string' || b.apiToken === '') {
        invalid(res, 'apiToken', 'apiToken is required');
        return;
      }
      let rateLimit: JoorRateLimit | undefined;
      if (b.rateLimit !== undefined) {
        const r = isObject(b.rateLimit) ? b.rateLimit : {};
        if (!positive(r.credits) || !Number.isInteger(r.credits) || !positive(r.windowSeconds)) {
          invalid(res, 'rateLimit', 'rateLimit needs positive credits (an integer) and windowSeconds');
          return;
        }
        rateLimit = { credits: r.credits, windowSeconds: r.windowSeconds };
      }
      const outcome = joor.putAccount({ account: b.account, apiToken: b.apiToken, rateLimit });
      if (!outcome.ok) {
        res.status(outcome.status).json({ error: outcome.message });
        return;
      }
      if (rateLimit) {
        // A (re)configured limit starts with a full window.
        deps.limiter.reset(b.account);
      }
      const account = joor.account(b.account);
      res.status(outcome.value.created ? 201 : 200).json({ account: b.account, rateLimit: account?.rateLimit });
    });

    router.get('/__sandbox/joor/accounts/:account/log', (req, res) => {
      const account = joor.account(String(req.params.account));
      if (!account) {
        res.status(404).json({ error: `Unknown JOOR account ${String(req.params.account)}` });
        return;
      }
      res.json({ account: account.account, calls: deps.log.list(account.account) });
    });

    router.post('/__sandbox/joor/faults', (req, res) => {
      const b = body(req);
      const account = typeof b.account === 'string' ? joor.account(b.account) : undefined;
      if (!account) {
        res.status(404).json({ error: 'Unknown JOOR account' });
        return;
      }
      const patch: Partial<JoorFaults> = {};
      if (b.errorRate !== undefined) {
        if (typeof b.errorRate !== 'number' || b.errorRate < 0 || b.errorRate > 1) {
          invalid(res, 'errorRate', 'errorRate must be a number from 0 to 1');
          return;
        }
        patch.errorRate = b.errorRate;
      }
      if (b.latencyMs !== undefined) {
        if (typeof b.latencyMs !== 'number' || b.latencyMs < 0) {
          invalid(res, 'latencyMs', 'latencyMs must be a number ≥ 0');
          return;
        }
        patch.latencyMs = b.latencyMs;
      }
      if (b.throttle !== undefined) {
        if (typeof b.throttle !== 'boolean') {
          invalid(res, 'throttle', 'throttle must be a boolean');
          return;
        }
        patch.throttle = b.throttle;
      }
      res.json({ account: account.account, faults: joor.setFaults(account, patch) });
    });

    router.post('/__sandbox/joor/orders', (req, res) => {
      const b = body(req);
      const account = typeof b.account === 'string' ? joor.account(b.account) : undefined;
      if (!account) {
        res.status(404).json({ error: 'Unknown JOOR account' });
        return;
      }
      const normalized = JoorOrderNormalizer.order(b.order, deps.joor.now());
      if (!normalized.ok) {
        invalid(res, normalized.field, normalized.message);
        return;
      }
      const added = joor.addOrder(account.account, normalized.value);
      if (!added.ok) {
        res.status(added.status).json({ error: added.message });
        return;
      }
      res.status(201).json(describe(added.value));
    });

    router.get('/__sandbox/joor/orders/:orderId', (req, res) => {
      const order = known(req, res);
      if (order) {
        res.json(describe(order));
      }
    });

    router.post('/__sandbox/joor/orders/:orderId/status', (req, res) => {
      const order = known(req, res);
      if (!order) {
        return;
      }
      const status = JoorOrderNormalizer.status(body(req).status);
      if (!status) {
        invalid(res, 'status', 'status must be one of IN_PROGRESS, NOTES, PENDING, APPROVED, SHIPPED, CANCELLED');
        return;
      }
      const outcome = joor.setStatus(order, status);
      if (!outcome.ok) {
        res.status(outcome.status).json({ error: outcome.message });
        return;
      }
      res.json(describe(order));
    });

    router.post('/__sandbox/joor/orders/:orderId/reexport', (req, res) => {
      const order = known(req, res);
      if (order) {
        res.json(describe(joor.reexport(order)));
      }
    });

    router.post('/__sandbox/joor/orders/:orderId/modify', (req, res) => {
      const order = known(req, res);
      if (!order) {
        return;
      }
      const b = body(req);
      if (b.fields !== undefined && !isObject(b.fields)) {
        invalid(res, 'fields', 'fields must be an object');
        return;
      }
      const fields = JoorOrderNormalizer.fields(isObject(b.fields) ? b.fields : {});
      if (!fields.ok) {
        invalid(res, fields.field, fields.message);
        return;
      }
      const items = b.line_items === undefined ? null : JoorOrderNormalizer.lineItems(b.line_items, 'line_items');
      if (items && !items.ok) {
        invalid(res, items.field, items.message);
        return;
      }
      joor.modify(order, fields.value, items ? items.value : null, (f) => JoorOrderNormalizer.total(f));
      res.json(describe(order));
    });

    router.post('/__sandbox/joor/orders/:orderId/fail-validation', (req, res) => {
      const order = known(req, res);
      if (!order) {
        return;
      }
      const b = body(req);
      if (b.description === null) {
        // Mended: the next check finds nothing wrong.
        res.json(describe(joor.failValidation(order, null)));
        return;
      }
      if (typeof b.description !== 'string' || b.description === '') {
        invalid(res, 'description', 'description is required (null clears the failure)');
        return;
      }
      const kind = b.kind ?? 'missing_fields';
      if (!KINDS.includes(kind as JoorValidationKind)) {
        invalid(res, 'kind', `kind must be one of ${KINDS.join(', ')}`);
        return;
      }
      res.json(describe(joor.failValidation(order, { kind: kind as JoorValidationKind, description: b.description })));
    });
    return router;
  }
}
