import { ChannelAdapterHostModule, type ChannelStockPair, type ChannelStockWrite } from '@gantry/core';
import {
  FakeChannelAdapter,
  makeProduct,
  makeShippingProcess,
  makeStore,
  makeWarehouse,
  mapStockPairs,
  startTestApp,
  uniq,
  until,
  type ProductRecord,
  type TestApp,
} from '@gantry/testing';

jest.setTimeout(120_000);

// More throttled stores than a worker has flush slots (8): before per-store pacing, their flushes slept on the
// throttle in every slot and a quiet store's push waited up to a minute behind them.
const THROTTLED = 10;
const RETRY_AFTER_MS = 2_000;

interface FakeStore {
  storeId: string;
  product: ProductRecord;
  pair: ChannelStockPair;
}

const count = async (t: TestApp, sql: string, params: unknown[] = []): Promise<number> =>
  Number((await t.dataSource.query<{ n: string }[]>(sql, params))[0]?.n ?? 0);

/**
 * Per-store pacing of stock pushes (STOCK_PUSH_PACING): a store whose channel keeps answering "throttled" has its push
 * put aside until the wait is over, and its flush gives the worker slot back at once; other stores' pushes go meanwhile.
 */
describe('stock push pacing: one store throttled never holds up another', () => {
  let t: TestApp;
  let fake: FakeChannelAdapter;

  beforeAll(async () => {
    t = await startTestApp({ worker: true, imports: [ChannelAdapterHostModule.register(FakeChannelAdapter)] });
    fake = t.app.get(FakeChannelAdapter);
  });
  afterAll(() => t.close());

  async function fakeStore(warehouseId: string, shippingProcessId: string): Promise<FakeStore> {
    const store = await makeStore(t, { settings: { stockSync: { enabled: true, mode: 'delta', windowSeconds: 1 } } });
    const product = await makeProduct(t);
    const [pair] = await mapStockPairs(t, store.id, {
      warehouseId,
      shippingProcessId,
      products: [product],
      channelLocationId: uniq('loc'),
    });
    return { storeId: store.id, product, pair };
  }

  const writesOf = (storeId: string): ChannelStockWrite[] =>
    fake.calls.filter((c) => c.method === 'pushStock' && c.storeId === storeId).map((c) => c.args[0] as ChannelStockWrite);

  it('a quiet store pushes while ten others wait out their throttling; theirs then go once each, under one key', async () => {
    const warehouse = await makeWarehouse(t);
    const shipping = await makeShippingProcess(t, warehouse.id);
    const throttled: FakeStore[] = [];
    for (let i = 0; i < THROTTLED; i++) {
      throttled.push(await fakeStore(warehouse.id, shipping.id));
    }
    const quiet = await fakeStore(warehouse.id, shipping.id);
    await until(
      () => count(t, `SELECT count(*) AS n FROM outbox_event WHERE handled_at IS NULL`),
      (n) => n === 0,
      'the stores set-up to be applied',
      60_000,
    );
    for (const s of throttled) {
      fake.throttle(s.storeId, RETRY_AFTER_MS);
    }
    await t
      .http()
      .post('/api/v1/stock/movements/batch')
      .send({ movements: throttled.map((s) => ({ type: 'receipt', sku: s.product.sku, warehouseId: warehouse.id, quantity: 5 })) })
      .expect(201);
    // Every throttled store has met its throttle at least once: their flushes have taken the slots.
    await until(
      () => Promise.resolve(throttled.filter((s) => writesOf(s.storeId).length > 0).length),
      (n) => n === THROTTLED,
      'every throttled store to try its push',
      30_000,
    );

    await t
      .http()
      .post('/api/v1/stock/movements')
      .send({ type: 'receipt', sku: quiet.product.sku, warehouseId: warehouse.id, quantity: 3 })
      .expect(201);
    await until(
      () => Promise.resolve(fake.quantity(quiet.storeId, quiet.pair)),
      (q) => q === 3,
      "the quiet store's push",
      15_000,
    );
    // It went while every throttled store was still waiting: their pushes are put aside, nothing of theirs applied.
    expect(
      await count(
        t,
        `SELECT count(*) AS n FROM stock_push WHERE store_id = ANY($1::uuid[]) AND status = 'pending' AND not_before IS NOT NULL`,
        [throttled.map((s) => s.storeId)],
      ),
    ).toBe(THROTTLED);
    expect(throttled.map((s) => fake.quantity(s.storeId, s.pair))).toEqual(throttled.map(() => 0));
    // Each wait is visible in the store's sync runs, the throttled call counted.
    const runs = await t.dataSource.query<{ store_id: string; error: string; counts: Record<string, number> }[]>(
      `SELECT store_id, error, counts FROM sync_run WHERE kind = 'stock-push' AND store_id = ANY($1::uuid[]) AND status = 'failed'`,
      [throttled.map((s) => s.storeId)],
    );
    expect(new Set(runs.map((r) => r.store_id)).size).toBe(THROTTLED);
    expect(
      runs.every(
        (r) =>
          /throttled.*goes again in 2 s under the same key/.test(r.error) &&
          r.counts.deferred === 1 &&
          r.counts.failedCalls === 1 &&
          r.counts.throttledCalls === 1,
      ),
    ).toBe(true);

    for (const s of throttled) {
      fake.throttle(s.storeId, null);
    }
    await until(
      () => Promise.resolve(throttled.filter((s) => fake.quantity(s.storeId, s.pair) === 5).length),
      (n) => n === THROTTLED,
      'the throttled stores to push once their wait is over',
      30_000,
    );
    for (const s of throttled) {
      // Every attempt carried the same push under the same key, and the channel applied it once.
      const keys = new Set(writesOf(s.storeId).map((w) => w.idempotencyKey));
      expect(keys.size).toBe(1);
    }
    expect([...fake.ledger.applications.values()].filter((n) => n !== 1)).toEqual([]);
    expect(
      await count(t, `SELECT count(*) AS n FROM stock_push WHERE store_id = ANY($1::uuid[]) AND status <> 'done'`, [
        [...throttled, quiet].map((s) => s.storeId),
      ]),
    ).toBe(0);
  });
});
