import { ExportRunService, Role } from '@gantry/core';
import { until } from '@gantry/testing';
import fc from 'fast-check';
import {
  allShopifyOrders,
  cancelShopifyOrder,
  exportsOf,
  joorControl,
  joorOrder,
  joorState,
  seedJoorOrder,
  setupWholesale,
  shopifyFaults,
  startWholesaleEnvWith,
  type ShopifyOrderRef,
  type WholesaleEnv,
  type WholesaleFixture,
} from './wholesale-export.fixture';

jest.setTimeout(600_000);

const ORDERS = 3;
const CREATE = /mutation ExportOrderCreate/;

type Fault = 'joor429' | 'joor5xx' | 'shopify5xx' | 'shopifyThrottle' | 'shopifySlow' | 'lostAnswer';

type Step =
  | { kind: 'approve'; order: number }
  | { kind: 'modify'; order: number; quantity: number }
  /** A person's re-export through the API; `during`: while two runs go on. */
  | { kind: 'reexport-api'; order: number; during: boolean }
  | { kind: 'reexport-joor'; order: number }
  | { kind: 'cancel'; order: number }
  /** A fault on for the next `steps` steps. */
  | { kind: 'fault'; fault: Fault; steps: number }
  /** A run (two at once with `parallel`, as two workers), after a person asked for one (`asked`: JOOR is read first) and after every wait passed (`later`). */
  | { kind: 'sync'; parallel: boolean; asked: boolean; later: boolean };

interface Scenario {
  approved: boolean[];
  lines: number[];
  steps: Step[];
}

const order = fc.nat(ORDERS - 1);
const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('approve' as const), order }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('modify' as const), order, quantity: fc.integer({ min: 1, max: 3 }) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('reexport-api' as const), order, during: fc.boolean() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('reexport-joor' as const), order }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('cancel' as const), order }) },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('fault' as const),
      fault: fc.constantFrom<Fault>('joor429', 'joor5xx', 'shopify5xx', 'shopifyThrottle', 'shopifySlow', 'lostAnswer'),
      steps: fc.integer({ min: 1, max: 4 }),
    }),
  },
  {
    weight: 6,
    arbitrary: fc.record({ kind: fc.constant('sync' as const), parallel: fc.boolean(), asked: fc.boolean(), later: fc.boolean() }),
  },
);

const scenario: fc.Arbitrary<Scenario> = fc.record({
  approved: fc.array(fc.constantFrom(true, true, false), { minLength: ORDERS, maxLength: ORDERS }),
  lines: fc.array(fc.integer({ min: 1, max: 3 }), { minLength: ORDERS, maxLength: ORDERS }),
  steps: fc.array(step, { minLength: 8, maxLength: 24 }),
});

const sync = (over: Partial<Extract<Step, { kind: 'sync' }>> = {}): Step => ({
  kind: 'sync',
  parallel: false,
  asked: true,
  later: false,
  ...over,
});

// Always run as well: a run reads JOOR (and used to make an export due now) while another run is sending that export.
const EXAMPLES: Scenario[] = [
  {
    approved: [true, false, false],
    lines: [1, 1, 1],
    steps: [
      { kind: 'fault', fault: 'shopifyThrottle', steps: 1 },
      sync(),
      { kind: 'fault', fault: 'shopifySlow', steps: 1 },
      sync({ parallel: true, later: true }),
      sync({ later: true }),
    ],
  },
];

/**
 * The export engine's promise as a property: random sequences of what people and both ends do to a few JOOR orders
 * (approve, change on JOOR, re-export through the API or on JOOR, cancel the Shopify order) interleaved with runs (one,
 * or two at once as two workers would) and faults on both ends for a few steps (JOOR 429 and 5xx, Shopify 5xx,
 * throttling and slowness, an orderCreate answer lost after Shopify executed it). Runs are driven here, as the worker's
 * processor drives them, and `later` lets the time of every wait pass. After every run no JOOR order has two live
 * Shopify orders and no identity is on two Shopify orders; once the faults stop and nothing is due, the live Shopify
 * orders of each JOOR order are exactly its exports that were not cancelled, every exported generation is exactly one
 * Shopify order (its identity, its name), and JOOR holds every order whose latest export is on Shopify as exported.
 */
describe('wholesale export: a property over people, both ends and faults', () => {
  let env: WholesaleEnv;
  let runs = 0;

  beforeAll(async () => {
    env = await startWholesaleEnvWith({ worker: false, proxy: true });
  });

  afterAll(async () => {
    await env?.close();
  });

  const engine = (): ExportRunService => env.t.app.get(ExportRunService);

  /** One scenario on its own shop, JOOR account and order ids. */
  const check = async ({ approved, lines, steps }: Scenario): Promise<void> => {
    runs += 1;
    const f: WholesaleFixture = await setupWholesale(env, `prop${runs}`);
    const ids = Array.from({ length: ORDERS }, (_, k) => String(100_000 + runs * 10 + k));
    const variants = Object.values(f.bulk.variants);
    const lineOf = (k: number, quantity: number) => ({ variant: variants[(runs * 3 + k) % variants.length] ?? null, quantity });
    for (const [k, id] of ids.entries()) {
      const drafted = Array.from({ length: lines[k] ?? 1 }, (_, j) => lineOf(k + j * 5, 1 + j));
      await seedJoorOrder(env, f, joorOrder(id, drafted), approved[k] ? 'APPROVED' : 'PENDING');
    }
    const log: string[] = [];
    const prefixOf = (id: string): string => `joor-b2b:${f.account}:${id}:`;

    // Faults: each on for a number of steps.
    const active = new Map<Fault, number>();
    const shopifyNow = () => ({
      errorRate: active.has('shopify5xx') ? 0.5 : 0,
      throttle: active.has('shopifyThrottle'),
      latencyMs: active.has('shopifySlow') ? 150 : 0,
    });
    const applyFaults = async (): Promise<void> => {
      await shopifyFaults(env, f.shop, shopifyNow());
      await joorControl(env, '/faults', {
        account: f.account,
        throttle: active.has('joor429'),
        errorRate: active.has('joor5xx') ? 0.5 : 0,
      });
      if (active.has('lostAnswer')) {
        void env.proxy?.next(CREATE, 'drop');
      } else {
        env.proxy?.disarm();
      }
    };

    /** The test's own Shopify calls (a merchant in the admin) are not the engine's: faults are lifted for them. */
    const withoutShopifyFaults = async <T>(call: () => Promise<T>): Promise<T> => {
      await shopifyFaults(env, f.shop, { errorRate: 0, throttle: false, latencyMs: 0 });
      try {
        return await call();
      } finally {
        await shopifyFaults(env, f.shop, shopifyNow());
      }
    };
    const shopifySide = (): Promise<ShopifyOrderRef[]> => withoutShopifyFaults(() => allShopifyOrders(env, f));
    const requestRun = async (): Promise<string> =>
      (await env.t.http(Role.INTEGRATION_MANAGER).post(`/api/v1/stores/${f.joorStoreId}/joor-sync`).expect(202)).body.id as string;
    const runOnce = async (parallel: boolean): Promise<void> => {
      await Promise.all(Array.from({ length: parallel ? 2 : 1 }, () => engine().run(f.joorStoreId)));
    };
    // Every wait (lease, backoff, lookup delay, Retry-After) is over. Sound only because no run is going on between steps.
    const later = async (): Promise<void> => {
      await env.t.dataSource.query(`UPDATE wholesale_export SET due_at = now() WHERE store_id = $1 AND due_at > now()`, [f.joorStoreId]);
    };

    /** After every run: no identity twice on Shopify, at most one live order per JOOR order. */
    const checkInvariants = async (when: string): Promise<void> => {
      const side = await shopifySide();
      const identities = side.map((o) => o.sourceIdentifier);
      expect({ when, log, duplicates: identities.filter((x, i) => identities.indexOf(x) !== i) }).toEqual({ when, log, duplicates: [] });
      for (const id of ids) {
        const live = side.filter((o) => o.sourceIdentifier?.startsWith(prefixOf(id)) && o.cancelledAt === null);
        expect({ when, log, id, live: live.map((o) => o.name) }).toEqual({ when, log, id, live: live.slice(0, 1).map((o) => o.name) });
      }
    };

    for (const [n, s] of steps.entries()) {
      log.push(JSON.stringify(s));
      const id = 'order' in s ? ids[s.order] : '';
      switch (s.kind) {
        case 'approve':
          await joorControl(env, `/orders/${id}/status`, { status: 'APPROVED' });
          break;
        case 'modify': {
          const [line] = joorOrder(id, [lineOf(ids.indexOf(id), s.quantity)]).line_items as unknown[];
          await joorControl(env, `/orders/${id}/modify`, { fields: { order_comments: `change ${n}` }, line_items: [line] });
          break;
        }
        case 'reexport-joor':
          await joorControl(env, `/orders/${id}/reexport`);
          break;
        case 'reexport-api': {
          const [latest] = (await exportsOf(env, f, `&sourceOrderId=${id}`)).sort((a, b) => b.generation - a.generation);
          const reExport = async (): Promise<void> => {
            if (latest) {
              const res = await env.t.http(Role.INTEGRATION_MANAGER).post(`/api/v1/exports/${latest.id}/re-export`);
              log.push(`→ ${res.status}`);
              // 409: the previous Shopify order is live, or an export is in progress; 503: Shopify could not be asked.
              expect({ log, status: [201, 409, 503].includes(res.status) }).toEqual({ log, status: true });
            }
          };
          if (s.during) {
            await Promise.all([reExport(), runOnce(true)]);
            await checkInvariants(`after step ${n}`);
          } else {
            await reExport();
          }
          break;
        }
        case 'cancel': {
          const live = (await shopifySide()).filter((o) => o.sourceIdentifier?.startsWith(prefixOf(id)) && o.cancelledAt === null);
          for (const o of live) {
            await withoutShopifyFaults(() => cancelShopifyOrder(env, f, o.id));
          }
          break;
        }
        case 'fault':
          // On for the steps after this one.
          active.set(s.fault, s.steps + 1);
          break;
        case 'sync':
          if (s.later) {
            await later();
          }
          if (s.asked) {
            await requestRun();
          }
          await runOnce(s.parallel);
          await checkInvariants(`after step ${n}`);
          break;
      }
      const before = [...active.keys()].sort().join();
      for (const [fault, left] of active) {
        if (left <= 1) {
          active.delete(fault);
        } else {
          active.set(fault, left - 1);
        }
      }
      if (s.kind === 'fault' || [...active.keys()].sort().join() !== before) {
        await applyFaults();
      }
    }

    // Faults stop; runs go on (every wait passing) until nothing is due after a run that read JOOR to the end.
    active.clear();
    await applyFaults();
    let settled = false;
    for (let round = 0; round < 20 && !settled; round++) {
      await later();
      const runId = await requestRun();
      await runOnce(false);
      const run = (await env.t.http().get(`/api/v1/sync-runs/${runId}`).expect(200)).body;
      const [open] = await env.t.dataSource.query<{ n: number }[]>(
        `SELECT count(*)::int AS n FROM wholesale_export WHERE store_id = $1
            AND (due_at IS NOT NULL OR state IN ('pending', 'in_flight') OR (state = 'exported' AND marked_at IS NULL))`,
        [f.joorStoreId],
      );
      settled = run.status !== 'running' && run.error === null && open?.n === 0;
    }
    expect({ log, settled }).toEqual({ log, settled: true });

    const side = await allShopifyOrders(env, f);
    const identities = side.map((o) => o.sourceIdentifier);
    expect({ log, duplicates: identities.filter((x, i) => identities.indexOf(x) !== i) }).toEqual({ log, duplicates: [] });
    let exportedCount = 0;
    for (const id of ids) {
      const rows = (await exportsOf(env, f, `&sourceOrderId=${id}`)).sort((a, b) => a.generation - b.generation);
      const mine = side.filter((o) => o.sourceIdentifier?.startsWith(prefixOf(id)));
      const joor = await joorState(env, id);
      const context = { log, id, rows: rows.map((r) => [r.generation, r.status, r.failure?.code ?? null]) };
      expect({ ...context, generations: rows.map((r) => r.generation) }).toEqual({ ...context, generations: rows.map((_, i) => i + 1) });
      if (joor.status !== 'APPROVED') {
        expect({ ...context, rows: rows.length, shopify: mine.length }).toEqual({ ...context, rows: 0, shopify: 0 });
        continue;
      }
      expect({ ...context, exported: rows.length > 0 }).toEqual({ ...context, exported: true });
      // Every exported generation is exactly one Shopify order, carrying its identity and name, and marked on JOOR.
      const exported = rows.filter((r) => r.status === 'exported');
      exportedCount += exported.length;
      for (const r of exported) {
        const identity = `${prefixOf(id)}${r.generation}`;
        const onShopify = mine.filter((o) => o.sourceIdentifier === identity);
        const name = r.generation === 1 ? `JOOR-${id}` : `JOOR-${id}-R${r.generation - 1}`;
        expect({ ...context, identity, orders: onShopify.map((o) => [o.id, o.name]), marked: r.markedAt !== null }).toEqual({
          ...context,
          identity,
          orders: [[r.sinkOrder?.id, name]],
          marked: true,
        });
      }
      // No Shopify order of an export that did not succeed; the live ones are the exports not cancelled, one at most.
      const exportedIds = new Set(exported.map((r) => r.sinkOrder?.id));
      expect({ ...context, strays: mine.filter((o) => !exportedIds.has(o.id)).map((o) => o.sourceIdentifier) }).toEqual({
        ...context,
        strays: [],
      });
      const live = mine.filter((o) => o.cancelledAt === null);
      expect({ ...context, live: live.length <= 1 }).toEqual({ ...context, live: true });
      // JOOR holds the order as exported whenever its latest export is on Shopify.
      if (rows[rows.length - 1]?.status === 'exported') {
        expect({ ...context, joor: joor.exportState }).toEqual({ ...context, joor: 'SUCCESS' });
      }
    }
    expect({ log, orders: side.length }).toEqual({ log, orders: exportedCount });
  };

  // Not random, but the same promise: a person's retry while a worker tries the export must not let a second pass claim it.
  it('a retry asked for while a worker holds a failed export does not send it twice', async () => {
    runs += 1;
    const f = await setupWholesale(env, `retry${runs}`);
    const id = String(100_000 + runs * 10);
    const sync = async (): Promise<void> => {
      await env.t.http(Role.INTEGRATION_MANAGER).post(`/api/v1/stores/${f.joorStoreId}/joor-sync`).expect(202);
      await engine().run(f.joorStoreId);
    };
    await seedJoorOrder(env, f, joorOrder(id, [{ variant: f.cap.variants['Default Title'] ?? null, quantity: 1 }]));
    await sync();
    await joorControl(env, `/orders/${id}/reexport`);
    await sync();
    const waiting = (await exportsOf(env, f, `&sourceOrderId=${id}`)).find((e) => e.generation === 2);
    expect(waiting.failure.code).toBe('previous_not_cancelled');
    const [first] = await allShopifyOrders(env, f);
    await cancelShopifyOrder(env, f, first?.id ?? '');

    // Slow answers: the worker is still between its claim and its send when the person asks for a retry.
    await shopifyFaults(env, f.shop, { latencyMs: 500 });
    await env.t.http(Role.INTEGRATION_MANAGER).post(`/api/v1/stores/${f.joorStoreId}/joor-sync`).expect(202);
    const holding = engine().run(f.joorStoreId);
    await until(
      async () =>
        (
          await env.t.dataSource.query<{ held: boolean }[]>(`SELECT due_at > now() AS held FROM wholesale_export WHERE id = $1`, [
            waiting.id,
          ])
        )[0]?.held,
      (held) => held === true,
      'the worker to claim the export',
    );
    await env.t.http(Role.INTEGRATION_MANAGER).post(`/api/v1/exports/${waiting.id}/retry`).expect(200);
    // Another pass (another worker) right away.
    await Promise.all([holding, engine().run(f.joorStoreId)]);
    await shopifyFaults(env, f.shop, { latencyMs: 0 });
    const second = (await allShopifyOrders(env, f)).filter((o) => o.sourceIdentifier === `joor-b2b:${f.account}:${id}:2`);
    expect(second).toHaveLength(1);
    expect((await env.t.http().get(`/api/v1/exports/${waiting.id}`).expect(200)).body.sinkOrder.id).toBe(second[0]?.id);
  });

  it('never two live Shopify orders per JOOR order, one Shopify order per exported generation', async () => {
    await fc.assert(
      fc.asyncProperty(scenario, (s) => check(s)),
      {
        numRuns: 15,
        seed: 20_261_201,
        endOnFailure: true,
        examples: EXAMPLES.map((e) => [e]),
      },
    );
  });
});
