import { ChannelAdapterHostModule, StoreConnectionService, StoreService, StoreStatus } from '@gantry/core';
import { OrderService } from '@gantry/wms';
import {
  FakeChannelAdapter,
  makeProduct,
  makeShippingProcess,
  makeStore,
  makeWarehouse,
  mapStockPairs,
  receive,
  startTestApp,
  type TestApp,
  until,
} from '@gantry/testing';

/**
 * Delta mode subtracts the part of a change that the store's own orders caused (its channel counted those sales).
 * That part comes from the stock ledger, so it holds however long the store waits to sync: here a week-long
 * re-authorisation gap, after which the outbox has deleted every event of that week.
 */
describe('stock sync, delta mode: own orders after a week-long gap', () => {
  let t: TestApp;
  let fake: FakeChannelAdapter;

  beforeAll(async () => {
    t = await startTestApp({ worker: true, imports: [ChannelAdapterHostModule.register(FakeChannelAdapter)] });
    fake = t.app.get(FakeChannelAdapter);
  });
  afterAll(() => t.close());

  it('sends the change since the last sync minus the store’s own orders, exactly once, after the outbox forgot them', async () => {
    const warehouse = await makeWarehouse(t);
    const process = await makeShippingProcess(t, warehouse.id);
    const product = await makeProduct(t);
    await receive(t, product.sku, warehouse.id, 20);
    const store = await makeStore(t, { settings: { stockSync: { enabled: true, mode: 'delta', windowSeconds: 1 } } });
    const [pair] = await mapStockPairs(t, store.id, {
      warehouseId: warehouse.id,
      shippingProcessId: process.id,
      products: [product],
      channelLocationId: 'L1',
    });
    const pending = async (): Promise<number> => {
      const [row] = await t.dataSource.query<{ n: number }[]>(
        `SELECT (SELECT count(*) FROM stock_sync_item WHERE store_id = $1 AND (wanted_version > pushed_version OR push_id IS NOT NULL))
              + (SELECT count(*) FROM outbox_event WHERE handled_at IS NULL) AS n`,
        [store.id],
      );
      return Number(row?.n ?? 0);
    };
    await until(pending, (n) => n === 0, 'the baseline');
    // The channel holds its own stock (delta mode never sets it): 100.
    fake.stock.set(`${store.id}|${pair.channelItemId}@${pair.channelLocationId}`, 100);

    // The channel refuses our token: the store waits for re-authorisation.
    await t.app.get(StoreConnectionService).markNeedsReauth(store.id);
    // During the week: a receipt of 5, and an order of 3 that came from this store (its channel sold it already).
    await receive(t, product.sku, warehouse.id, 5);
    await t.app.get(OrderService).create({
      warehouseId: warehouse.id,
      storeId: store.id,
      externalId: 'channel-order-1',
      lines: [{ sku: product.sku, quantity: 3 }],
    });
    await until(
      () => t.dataSource.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM outbox_event WHERE handled_at IS NULL`),
      (rows) => rows[0]?.n === 0,
      'the changes recorded',
    );
    expect(fake.quantity(store.id, pair)).toBe(100);
    // A week later the sweeper has deleted every handled event.
    await t.dataSource.query(`UPDATE outbox_event SET handled_at = now() - interval '8 days' WHERE handled_at IS NOT NULL`);
    await t.dataSource.query(`DELETE FROM outbox_event WHERE handled_at < now() - interval '7 days'`);

    // Re-authorised: +5 is sent, the order's −3 is not (the channel counted that sale itself).
    await t.app.get(StoreConnectionService).saveCredentials(store.id, { accessToken: 'renewed' });
    expect((await t.app.get(StoreService).get(store.id)).status).toBe(StoreStatus.CONNECTED);
    await until(
      () => fake.quantity(store.id, pair),
      (q) => q !== 100,
      'the catch-up push',
    );
    await until(pending, (n) => n === 0, 'the catch-up to settle');
    expect(fake.quantity(store.id, pair)).toBe(105);
    const writes = fake.calls.filter((c) => c.method === 'pushStock' && c.storeId === store.id);
    expect(writes).toHaveLength(1);
  });
});
