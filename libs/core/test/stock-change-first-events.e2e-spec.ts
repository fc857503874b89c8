import {
  ChannelAdapterHostModule,
  ChannelLocationMappingService,
  ChannelProductMappingService,
  OutboxEvent,
  OutboxTopic,
  StoreService,
} from '@gantry/core';
import {
  FakeChannelAdapter,
  makeProduct,
  makeShippingProcess,
  makeStore,
  makeWarehouse,
  mapStockPairs,
  startTestApp,
  type TestApp,
} from '@gantry/testing';
import { IsNull } from 'typeorm';
import { StockChangeHandler } from '../src/flows/stock/stock-change.handler';
import { StockLifecycleHandler } from '../src/flows/stock/stock-lifecycle.handler';
import { StockPairRepository } from '../src/flows/stock/stock-pair.repository';

/**
 * A pair's stock events may reach a dispatcher before the event of the mapping that makes it a pair (the relay
 * batches up to 500 events and dispatch runs 4 jobs at a time). The stock-change handler then has nothing to mark;
 * when the mapping's lifecycle event is applied, the tracker counts every change after that event, in whatever order
 * or batches they were handled: nothing of them is lost.
 */
describe('stock engine: the first changes of a pair whose mapping event is applied after them (delta mode)', () => {
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
    const events = await t.dataSource.getRepository(OutboxEvent).find({
      where: { topic: 'stock.changed', handledAt: IsNull(), aggregateKey: `${warehouse.id}/${product.id}` },
      order: { id: 'ASC' },
    });
    expect(events.map((e) => (e.payload as { version: string }).version)).toEqual(['1', '2']);
    return { storeId: store.id, events };
  }

  /** The store's lifecycle events (connect, mappings), applied after the stock events, as a late dispatcher would. */
  async function applyLifecycle(): Promise<void> {
    const events = await t.dataSource.getRepository(OutboxEvent).find({
      where: [
        { topic: OutboxTopic.STORE_CHANGED, handledAt: IsNull() },
        { topic: OutboxTopic.CHANNEL_MAPPINGS_CHANGED, handledAt: IsNull() },
      ],
      order: { id: 'ASC' },
    });
    await t.dataSource.transaction(async (manager) => {
      await new StockLifecycleHandler(t.app.get(StockPairRepository)).handle(events, manager);
      await manager.query(`UPDATE outbox_event SET handled_at = now() WHERE id = ANY($1::bigint[])`, [events.map((e) => e.id)]);
    });
  }

  /** What the pair's next delta push carries: the warehouse's available now minus the baseline (no own orders here). */
  async function nextDelta(storeId: string): Promise<{ fromVersion: string; delta: number }> {
    const [item] = await t.dataSource.query<{ pushed_version: string; baseline_available: number }[]>(
      `SELECT pushed_version, baseline_available FROM stock_sync_item WHERE store_id = $1`,
      [storeId],
    );
    return { fromVersion: String(item?.pushed_version), delta: 5 - (item?.baseline_available ?? NaN) };
  }

  it('counts both changes when they are handled in one batch before the mapping', async () => {
    const { storeId, events } = await twoChangesOfANewPair();
    await t.dataSource.transaction((manager) => new StockChangeHandler().handle(events, manager));
    await applyLifecycle();
    // Received 3 + 2 since the mapping: the channel gets +5.
    expect(await nextDelta(storeId)).toEqual({ fromVersion: '0', delta: 5 });
  });

  it('counts both changes when they are handled out of order before the mapping', async () => {
    const { storeId, events } = await twoChangesOfANewPair();
    for (const event of [...events].reverse()) {
      await t.dataSource.transaction((manager) => new StockChangeHandler().handle([event], manager));
    }
    await applyLifecycle();
    expect(await nextDelta(storeId)).toEqual({ fromVersion: '0', delta: 5 });
  });

  it('counts a change handled after the mapping on top of those before it', async () => {
    const { storeId, events } = await twoChangesOfANewPair();
    const [first, second] = events as [OutboxEvent, OutboxEvent];
    await t.dataSource.transaction((manager) => new StockChangeHandler().handle([second], manager));
    await applyLifecycle();
    await t.dataSource.transaction((manager) => new StockChangeHandler().handle([first], manager));
    expect(await nextDelta(storeId)).toEqual({ fromVersion: '0', delta: 5 });
    const [item] = await t.dataSource.query<{ wanted: string }[]>(
      `SELECT wanted_version::text AS wanted FROM stock_sync_item WHERE store_id = $1`,
      [storeId],
    );
    expect(item?.wanted).toBe('2');
  });

  it('a mapping made while sync was off takes its delta baseline when sync goes on, even if its event is applied after that', async () => {
    const warehouse = await makeWarehouse(t);
    const shipping = await makeShippingProcess(t, warehouse.id);
    const store = await makeStore(t, { settings: { stockSync: { enabled: false, mode: 'absolute', windowSeconds: 1 } } });
    await applyLifecycle();
    const product = await makeProduct(t);
    await mapStockPairs(t, store.id, {
      warehouseId: warehouse.id,
      shippingProcessId: shipping.id,
      products: [product],
      channelLocationId: 'L1',
    });
    const mappings = await t.dataSource.getRepository(OutboxEvent).find({
      where: { topic: OutboxTopic.CHANNEL_MAPPINGS_CHANGED, handledAt: IsNull(), aggregateKey: `store/${store.id}` },
      order: { id: 'ASC' },
    });
    // The shop already holds what the warehouse receives while sync is off; then delta sync goes on.
    await t
      .http()
      .post('/api/v1/stock/movements')
      .send({ type: 'receipt', sku: product.sku, warehouseId: warehouse.id, quantity: 100 })
      .expect(201);
    await t.app.get(StoreService).updateSettings(store.id, { stockSync: { enabled: true, mode: 'delta' } });
    const changes = await t.dataSource.getRepository(OutboxEvent).find({
      where: { topic: 'stock.changed', handledAt: IsNull(), aggregateKey: `${warehouse.id}/${product.id}` },
    });
    await t.dataSource.transaction((manager) => new StockChangeHandler().handle(changes, manager));
    // A late dispatcher: the mappings' events alone, after the switch was committed; then the switch's.
    await t.dataSource.transaction(async (manager) => {
      await new StockLifecycleHandler(t.app.get(StockPairRepository)).handle(mappings, manager);
      await manager.query(`UPDATE outbox_event SET handled_at = now() WHERE id = ANY($1::bigint[])`, [mappings.map((e) => e.id)]);
    });
    await applyLifecycle();
    // The switch took the warehouse's 100 as what the shop reflects: nothing to push (was: +100 on top of the shop's 100).
    const [item] = await t.dataSource.query<{ baseline_available: number; pending: boolean }[]>(
      `SELECT baseline_available, wanted_version > pushed_version AS pending FROM stock_sync_item WHERE store_id = $1`,
      [store.id],
    );
    expect(item).toEqual({ baseline_available: 100, pending: false });
  });
});
