import { ChannelAdapterHostModule, StockChannelEditService } from '@gantry/core';
import { FakeChannelAdapter, makeProduct, makeStore, makeWarehouse, startTestApp, type TestApp } from '@gantry/testing';
import { InventoryLevelWebhookHandler } from '../src/inventory/inventory-level-webhook.handler';

/** A batch of inventory_levels/update deliveries decided together: echoes, first values, drift, repeats, junk. */
describe('inventory level webhooks in a batch', () => {
  let t: TestApp;
  let handler: InventoryLevelWebhookHandler;

  beforeAll(async () => {
    t = await startTestApp({ worker: false, imports: [ChannelAdapterHostModule.register(FakeChannelAdapter)] });
    handler = new InventoryLevelWebhookHandler(t.app.get(StockChannelEditService));
  });
  afterAll(() => t.close());

  const body = (item: string, available: number, location = '77'): string =>
    `{"inventory_item_id":${item},"location_id":${location},"available":${available},"updated_at":"2099-01-01T00:00:00Z"}`;

  it('ignores echoes and unmapped pairs, learns unknown values, records drift, and decides a repeated pair in order', async () => {
    const store = await makeStore(t);
    // Absolute mode, as a Shopify store would have it (the fake channel's own sink takes delta only).
    await t.dataSource.query(`UPDATE store SET settings = jsonb_set(settings, '{stockSync,mode}', '"absolute"') WHERE id = $1`, [store.id]);
    const warehouse = await makeWarehouse(t);
    // Ids beyond 2^53 on purpose: they must survive parsing as they are.
    const items = ['9007199254740993', '9007199254740995', '9007199254740997', '9007199254740999'];
    for (const [k, item] of items.entries()) {
      const product = await makeProduct(t);
      await t.dataSource.query(
        `INSERT INTO stock_sync_item (store_id, channel_location_id, channel_item_id, warehouse_id, product_id, sku, wanted_version, pushed_version, channel_quantity, last_pushed_at)
         VALUES ($1, 'gid://shopify/Location/77', $2, $3, $4, $5, 1, 1, $6, now() - interval '1 hour')`,
        [store.id, `gid://shopify/InventoryItem/${item}`, warehouse.id, product.id, product.sku, k === 1 ? null : 10],
      );
    }
    const outcomes = await t.dataSource.transaction((manager) =>
      handler.handleMany(manager, [
        { key: 'echo', storeId: store.id, rawBody: body(items[0], 10) },
        { key: 'learn', storeId: store.id, rawBody: body(items[1], 4) },
        { key: 'drift', storeId: store.id, rawBody: body(items[2], 7) },
        { key: 'repeat-echo', storeId: store.id, rawBody: body(items[3], 10) },
        { key: 'repeat-drift', storeId: store.id, rawBody: body(items[3], 12) },
        { key: 'unmapped', storeId: store.id, rawBody: body('9007199254741001', 3) },
        { key: 'junk', storeId: store.id, rawBody: '{"inventory_item_id":' },
      ]),
    );
    expect(Object.fromEntries(outcomes)).toEqual({
      echo: 'echo',
      learn: 'learned',
      drift: 'drift-correcting',
      'repeat-echo': 'echo',
      'repeat-drift': 'drift-correcting',
      unmapped: 'ignored-unmapped',
      junk: 'ignored-malformed',
    });
    const rows: { item: string; channel_quantity: number; drift_total: number; pending: boolean }[] = await t.dataSource.query(
      `SELECT channel_item_id AS item, channel_quantity, drift_total, wanted_version > pushed_version AS pending FROM stock_sync_item WHERE store_id = $1 ORDER BY channel_item_id`,
      [store.id],
    );
    expect(rows).toEqual([
      { item: `gid://shopify/InventoryItem/${items[0]}`, channel_quantity: 10, drift_total: 0, pending: false },
      { item: `gid://shopify/InventoryItem/${items[1]}`, channel_quantity: 4, drift_total: 0, pending: false },
      // Absolute mode: drift makes the pair pending, to be set back.
      { item: `gid://shopify/InventoryItem/${items[2]}`, channel_quantity: 7, drift_total: -3, pending: true },
      { item: `gid://shopify/InventoryItem/${items[3]}`, channel_quantity: 12, drift_total: 2, pending: true },
    ]);
    const runs: { n: number }[] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM sync_run WHERE store_id = $1 AND kind = 'stock-channel-edit'`,
      [store.id],
    );
    expect(runs).toEqual([{ n: 2 }]);
  });
});
