import { Router, type Request, type Response } from 'express';
import type { AdminCallLog } from '../admin/admin-call.log';
import { Gid } from '../common/gid';
import { FulfillmentServiceRegistry } from '../state/fulfillment-service.registry';
import type { SandboxStore } from '../state/sandbox-store';
import type { FaultSettings, PlanName } from '../state/shop-records';
import type { BucketRegistry } from '../throttle/bucket-registry';
import type { WebhookDispatcher } from '../webhooks/webhook-dispatcher';
import { WebhookPayloads } from '../webhooks/webhook-payloads';

export interface ControlDeps {
  store: SandboxStore;
  log: AdminCallLog;
  dispatcher: WebhookDispatcher;
  buckets: BucketRegistry;
  /** Runtime state outside the saved document (JOOR windows and calls, caught mail): a reset or a load starts without it. */
  transient: { clear(): void }[];
  /** The SMTP receiver's bound port (null when it is not listening). */
  smtpPort: () => number | null;
}

const PLANS: PlanName[] = ['standard', 'advanced', 'plus'];
// The app that owns a fulfillment service created without an apiKey: a 3PL's app, never the shop's own.
const DEFAULT_SERVICE_APP = 'sandbox-fulfillment-service-app';
const rate = (v: unknown): number | undefined =>
  typeof v === 'boolean' ? (v ? 1 : 0) : typeof v === 'number' ? Math.min(1, Math.max(0, v)) : undefined;

/** The sandbox's own control surface under /__sandbox. */
export class ControlRouter {
  static create(deps: ControlDeps): Router {
    const router = Router();
    const { store } = deps;
    const body = (req: Request) => (req.body ?? {}) as Record<string, unknown>;
    const known = (req: Request, res: Response): string | null => {
      const shop = store.shop(String(req.params.shop));
      if (!shop) {
        res.status(404).json({ error: `Unknown shop ${String(req.params.shop)}` });
        return null;
      }
      return shop.domain;
    };

    // Scripts wait for this; it also says where the SMTP receiver listens (SANDBOX_SMTP_PORT=0 binds any free port).
    router.get('/__sandbox/health', (_req, res) => {
      res.json({ ok: true, smtpPort: deps.smtpPort() });
    });

    router.post('/__sandbox/shops', (req, res) => {
      const b = body(req);
      if (typeof b.shop !== 'string' || typeof b.apiKey !== 'string' || typeof b.apiSecret !== 'string') {
        res.status(400).json({ error: 'shop, apiKey and apiSecret are required' });
        return;
      }
      if (b.plan !== undefined && !PLANS.includes(b.plan as PlanName)) {
        res.status(400).json({ error: `plan must be one of ${PLANS.join(', ')}` });
        return;
      }
      const locations = Array.isArray(b.locations)
        ? b.locations.map((l) => (typeof l === 'string' ? l : String((l as { name?: unknown }).name)))
        : undefined;
      if (b.replaceSecret !== undefined && typeof b.replaceSecret !== 'boolean') {
        res.status(400).json({ error: 'replaceSecret must be a boolean' });
        return;
      }
      const result = store.createShop({
        shop: b.shop,
        plan: b.plan as PlanName | undefined,
        apiKey: b.apiKey,
        apiSecret: b.apiSecret,
        locations,
        replaceSecret: b.replaceSecret === true,
      });
      if (!result.ok) {
        res.status(409).json({ error: result.conflict });
        return;
      }
      res
        .status(result.created ? 201 : 200)
        .json({ shop: result.shop, staffAccessToken: result.staffAccessToken, created: result.created });
    });

    router.post('/__sandbox/faults', (req, res) => {
      const b = body(req);
      const shop = typeof b.shop === 'string' ? store.shop(b.shop) : undefined;
      if (!shop) {
        res.status(404).json({ error: 'Unknown shop' });
        return;
      }
      const patch: Partial<FaultSettings> = {};
      const errorRate = rate(b.errorRate);
      const errorAfterRate = rate(b.errorAfterRate);
      const drop = rate(b.dropWebhooks);
      const duplicate = rate(b.duplicateWebhooks);
      if (errorRate !== undefined) {
        patch.errorRate = errorRate;
      }
      if (errorAfterRate !== undefined) {
        patch.errorAfterRate = errorAfterRate;
      }
      if (drop !== undefined) {
        patch.dropWebhooks = drop;
      }
      if (duplicate !== undefined) {
        patch.duplicateWebhooks = duplicate;
      }
      if (typeof b.latencyMs === 'number') {
        patch.latencyMs = Math.max(0, b.latencyMs);
      }
      if (typeof b.throttle === 'boolean' || b.throttle === 'off') {
        patch.throttle = b.throttle;
      }
      if (typeof b.reorderWebhooks === 'boolean') {
        patch.reorderWebhooks = b.reorderWebhooks;
      }
      if (typeof b.rateLimitScale === 'number' && b.rateLimitScale > 0 && b.rateLimitScale <= 1) {
        patch.rateLimitScale = b.rateLimitScale;
      }
      res.json({ shop: shop.domain, faults: store.setFaults(shop.domain, patch) });
    });

    router.get('/__sandbox/shops/:shop/log', (req, res) => {
      const shop = known(req, res);
      if (shop) {
        res.json({ shop, calls: deps.log.list(shop) });
      }
    });

    router.get('/__sandbox/shops/:shop/webhook-deliveries', (req, res) => {
      const shop = known(req, res);
      if (shop) {
        // ?state=pending narrows a long list (a seeded catalog causes tens of thousands of deliveries).
        const state = typeof req.query.state === 'string' ? req.query.state : null;
        const deliveries = deps.dispatcher.list(shop);
        res.json({ shop, deliveries: state ? deliveries.filter((d) => d.state === state) : deliveries });
      }
    });

    // A third-party fulfillment service with its own location. By default it belongs to an app of its own (not the shop's
    // app), so its fulfillment orders are third-party ones that other apps may see (read_third_party_fulfillment_orders)
    // but not fulfil; pass apiKey to make an installed app its owner (write_assigned_fulfillment_orders).
    router.post('/__sandbox/shops/:shop/fulfillment-services', (req, res) => {
      const domain = known(req, res);
      if (!domain) {
        return;
      }
      const b = body(req);
      if (typeof b.name !== 'string') {
        res.status(400).json({ error: 'name is required' });
        return;
      }
      const flag = (v: unknown) => (typeof v === 'boolean' ? v : undefined);
      const created = new FulfillmentServiceRegistry(store, store.requireShop(domain)).create({
        name: b.name,
        apiKey: typeof b.apiKey === 'string' ? b.apiKey : DEFAULT_SERVICE_APP,
        callbackUrl: typeof b.callbackUrl === 'string' ? b.callbackUrl : null,
        inventoryManagement: flag(b.inventoryManagement),
        trackingSupport: flag(b.trackingSupport),
        requiresShippingMethod: flag(b.requiresShippingMethod),
      });
      if ('error' in created) {
        res.status(422).json({ error: created.error.message, field: created.error.field });
        return;
      }
      const s = created.service;
      res.status(201).json({
        shop: domain,
        fulfillmentService: { id: `${Gid.of('FulfillmentService', s.id)}?id=true`, handle: s.handle, name: s.name, apiKey: s.apiKey },
        location: { id: Gid.of('Location', s.locationId), name: s.name },
      });
    });

    router.post('/__sandbox/shops/:shop/uninstall', (req, res) => {
      const domain = known(req, res);
      if (!domain) {
        return;
      }
      const shop = store.requireShop(domain);
      const apiKey = typeof body(req).apiKey === 'string' ? (body(req).apiKey as string) : shop.primaryApiKey;
      // The webhook is addressed before the app's subscriptions disappear with the uninstall.
      store.emit(domain, 'app/uninstalled', WebhookPayloads.shop(shop));
      for (const [id, sub] of Object.entries(shop.webhookSubscriptions)) {
        if (sub.apiKey === apiKey) {
          delete shop.webhookSubscriptions[id];
        }
      }
      store.revokeApp(domain, apiKey);
      res.json({ shop: domain, apiKey, uninstalled: true });
    });

    router.get('/__sandbox/bulk/:shop/:file', (req, res) => {
      const shop = store.shop(String(req.params.shop));
      const id = String(req.params.file).replace(/\.jsonl$/, '');
      const op = shop?.bulkOperations[id];
      if (!op || op.jsonl === null) {
        res.status(404).type('text').send('Not Found');
        return;
      }
      res.type('application/jsonl').send(op.jsonl);
    });

    router.post('/__sandbox/state/save', (req, res) => {
      const path = body(req).path;
      if (typeof path !== 'string') {
        res.status(400).json({ error: 'path is required' });
        return;
      }
      store.save(path);
      res.json({ saved: path });
    });

    router.post('/__sandbox/state/load', (req, res) => {
      const path = body(req).path;
      if (typeof path !== 'string') {
        res.status(400).json({ error: 'path is required' });
        return;
      }
      store.load(path);
      deps.buckets.clear();
      deps.transient.forEach((t) => t.clear());
      res.json({ loaded: path, shops: Object.keys(store.raw.shops) });
    });

    router.post('/__sandbox/reset', (_req, res) => {
      store.reset();
      deps.log.clear();
      deps.dispatcher.clear();
      deps.buckets.clear();
      deps.transient.forEach((t) => t.clear());
      res.json({ reset: true });
    });
    return router;
  }
}
