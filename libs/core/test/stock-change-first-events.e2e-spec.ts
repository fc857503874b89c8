import { ChannelAdapterHostModule, ChannelLocationMappingService, ChannelProductMappingService, OutboxEvent } from '@gantry/core';
import {
  FakeChannelAdapter,
  makeProduct,
  makeShippingProcess,
  makeStore,
  makeWarehouse,
  startTestApp,
  type TestApp,
} from '@gantry/testing';
import { IsNull } from 'typeorm';
import { StockChangeHandler } from '../src/flows/stock/stock-change.handler';

/**
 * KNOWN BUG (it.failing until fixed; then make these plain `it`). StockChangeHandler inserts a pair it does not track
 * yet from the newest event of its level in the batch (`pushed_version = version - 1`, `baseline_available =
 * availableBefore` of that event), so in delta mode the level's earlier changes never reach the channel: two changes
 * handled in one batch, or handled out of order, lose all but the last. The lifecycle handler tracks a pair when its
 * mapping event is applied, but nothing orders that event before the pair's stock events: the relay batches up to 500
 * events and dispatch runs 4 jobs at a time, so stock events can commit first, and `track()` then skips the pair.
 */
describe('stock change handler: the first changes of a pair it does not track yet (delta mode)', () => {
  let t: TestApp;

  beforeAll(async () => {
    // No worker: the test hands the stock events to the handler itself, in the batches it chooses, before the mapping's
    // lifecycle event is applied (as when they reach a dispatcher first).
    t = await startTestApp({ worker: false, imports: [ChannelAdapterHostModule.register(FakeChannelAdapter)] });
  });
  afterAll(() => t.close());

  /** A delta store mapping one new product; the warehouse receives 3, then 2 (two transactions: versions 1 and 2). */
  async function twoChangesOfANewPair(): Promise<{ storeId: string; events: OutboxEvent[] }> {
    const warehouse = await makeWarehouse(t);
    const shipping = await makeShippingProcess(t, warehouse.id);
    const store = await makeStore(t, { settings: { stockSync: { enabled: true, mode: 'delta', windowSeconds: 1 } } });
    await t.app
      .get(ChannelLocationMappingService)
      .replace(store.id, [{ channelLocationId: 'L1', warehouseId: warehouse.id, shippingProcessId: shipping.id, isDefault: true }]);
    const product = await makeProduct(t);
    await t.app.get(ChannelProductMappingService).add(store.id, [
      {
        productId: product.id,
        sku: product.sku,
        externalId: `v-${product.sku}`,
        externalProductId: null,
        stockItemId: `i-${product.sku}`,
      },
    ]);
    for (const quantity of [3, 2]) {
      await t
        .http()
        .post('/api/v1/stock/movements')
        .send({ type: 'receipt', sku: product.sku, warehouseId: warehouse.id, quantity })
        .expect(201);
    }
    const events = await t.dataSource
      .getRepository(OutboxEvent)
      .find({ where: { topic: 'stock.changed', handledAt: IsNull() }, order: { id: 'ASC' } });
    expect(events.map((e) => (e.payload as { version: string }).version)).toEqual(['1', '2']);
    return { storeId: store.id, events };
  }

  /** What the pair's next delta push carries: the warehouse's available now minus the baseline (no own orders here). */
  async function nextDelta(storeId: string): Promise<{ fromVersion: string; delta: number }> {
    const [item] = await t.dataSource.query<{ pushed_version: string; baseline_available: number }[]>(
      `SELECT pushed_version, baseline_available FROM stock_sync_item WHERE store_id = $1`,
      [storeId],
    );
    return { fromVersion: String(item?.pushed_version), delta: 5 - (item?.baseline_available ?? NaN) };
  }

  it.failing('tracks a new pair from before its first change when its changes are handled in one batch', async () => {
    const { storeId, events } = await twoChangesOfANewPair();
    await t.dataSource.transaction((manager) => new StockChangeHandler().handle(events, manager));
    // Received 3 + 2 since the mapping: the channel must get +5 (it gets +2).
    expect(await nextDelta(storeId)).toEqual({ fromVersion: '0', delta: 5 });
  });

  it.failing('tracks a new pair from before its first change when its changes are handled out of order', async () => {
    const { storeId, events } = await twoChangesOfANewPair();
    for (const event of [...events].reverse()) {
      await t.dataSource.transaction((manager) => new StockChangeHandler().handle([event], manager));
    }
    expect(await nextDelta(storeId)).toEqual({ fromVersion: '0', delta: 5 });
  });
});
