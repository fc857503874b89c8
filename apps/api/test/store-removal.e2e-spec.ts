import { randomUUID } from 'node:crypto';
import {
  ChannelAdapterHostModule,
  ChannelLocationMappingService,
  ChannelProductMappingService,
  OrderIntakeService,
  PluginService,
  Role,
  StoreConnectionService,
  SyncRunner,
  type ChannelOrder,
} from '@gantry/core';
import {
  FakeChannelAdapter,
  makeOrder,
  makeProduct,
  makeShippingProcess,
  makeStore,
  makeWarehouse,
  receive,
  startTestApp,
  uniq,
  type TestApp,
} from '@gantry/testing';

/** DELETE /stores/:id: a mistyped shop, a store after its disconnect, never a connected store or one another store feeds. */
describe('removing a store (DELETE /stores/:id)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ imports: [ChannelAdapterHostModule.register(FakeChannelAdapter)] });
  });
  afterAll(() => t.close());

  const countOf = async (table: string, storeId: string): Promise<number> => {
    const [{ n }] = await t.dataSource.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM ${table} WHERE store_id = $1`, [storeId]);
    return n;
  };

  it('removes a shop whose connection never finished (a mistyped domain), for admins only, and tells the flows', async () => {
    // What POST /stores/shopify leaves behind for a shop whose OAuth never completes (this app has no Shopify app keys).
    const shop = `no-such-shop-${randomUUID().slice(0, 8)}.myshopify.com`;
    const storeId = (await t.app.get(StoreConnectionService).findOrCreatePending('shopify', shop, shop.replace(/\.myshopify\.com$/, '')))
      .id;
    expect((await t.http().get(`/api/v1/stores/${storeId}`).expect(200)).body).toMatchObject({ status: 'disconnected', connectedAt: null });

    await t.http(Role.INTEGRATION_MANAGER).delete(`/api/v1/stores/${storeId}`).expect(403);
    const removed = await t.http().delete(`/api/v1/stores/${storeId}`).expect(204);
    expect(removed.text).toBe('');

    await t.http().get(`/api/v1/stores/${storeId}`).expect(404);
    const list = await t.http().get('/api/v1/stores').expect(200);
    expect((list.body as { id: string }[]).map((s) => s.id)).not.toContain(storeId);
    const [event] = await t.dataSource.query<{ payload: { storeId: string; before: unknown; after: unknown } }[]>(
      `SELECT payload FROM outbox_event WHERE topic = 'store.changed' AND aggregate_key = $1 ORDER BY id DESC LIMIT 1`,
      [`store/${storeId}`],
    );
    expect(event?.payload).toEqual({ storeId, before: { status: 'disconnected', stockSync: expect.anything() }, after: null });

    const again = await t.http().delete(`/api/v1/stores/${storeId}`).expect(404);
    expect(again.body.detail).toBe(`No store ${storeId}`);
    await t.http().delete('/api/v1/stores/not-a-uuid').expect(400);
  });

  it('refuses a connected store (409: disconnect it first); after the disconnect it goes with its mappings and pending work, warehouse orders stay', async () => {
    const warehouse = await makeWarehouse(t);
    const shipping = await makeShippingProcess(t, warehouse.id);
    const product = await makeProduct(t);
    await receive(t, product.sku, warehouse.id, 5);
    const store = await makeStore(t);
    const location = `fake-location-${uniq('loc')}`;
    await t.app
      .get(ChannelLocationMappingService)
      .replace(store.id, [{ channelLocationId: location, warehouseId: warehouse.id, shippingProcessId: shipping.id, isDefault: true }]);
    await t.app.get(ChannelProductMappingService).add(store.id, [
      {
        productId: product.id,
        sku: product.sku,
        externalId: `fake-variant-${product.sku}`,
        externalProductId: null,
        stockItemId: `fake-item-${product.sku}`,
      },
    ]);
    // The stock engine's state for the store (what its lifecycle handler makes of the mappings in a worker): a pair
    // with a change waiting, claimed by a push in flight.
    const [push] = await t.dataSource.query<{ id: string }[]>(
      `INSERT INTO stock_push (store_id, mode, base_key, idempotency_key, lines, status)
       SELECT $1, 'delta', k, k, '[]', 'pending' FROM (SELECT gen_random_uuid()::text AS k) AS key RETURNING id`,
      [store.id],
    );
    await t.dataSource.query(
      `INSERT INTO stock_sync_item (store_id, channel_location_id, channel_item_id, warehouse_id, product_id, sku, wanted_version, pushed_version, due_at, push_id)
       VALUES ($1, $2, $3, $4, $5, $6, 2, 1, now(), $7)`,
      [store.id, location, `fake-item-${product.sku}`, warehouse.id, product.id, product.sku, push?.id],
    );
    // A channel order, and the warehouse order it became.
    const order: ChannelOrder = {
      externalId: uniq('order'),
      externalNumber: '#1001',
      createdAt: new Date().toISOString(),
      updatedAt: new Date().toISOString(),
      cancelledAt: null,
      status: 'OPEN',
      financialStatus: 'PAID',
      fulfillmentStatus: null,
      tags: [],
      lines: [{ externalLineId: 'L1', channelItemId: `fake-variant-${product.sku}`, sku: product.sku, quantity: 1, title: null }],
      shippingAddress: null,
    };
    await t.dataSource.transaction((manager) => t.app.get(OrderIntakeService).record(manager, store.id, [order]));
    const wmsOrder = await makeOrder(t, warehouse.id, [{ sku: product.sku, quantity: 1 }]);
    await t.dataSource.query(
      `INSERT INTO channel_order_link (channel_order_id, warehouse_order_id, warehouse_id)
       SELECT id, $2, $3 FROM channel_order WHERE store_id = $1`,
      [store.id, wmsOrder.id, warehouse.id],
    );
    await t.dataSource.query(`UPDATE outbound_order SET store_id = $1 WHERE id = $2`, [store.id, wmsOrder.id]);
    // A sync run with its items.
    await t.app.get(SyncRunner).run(store.id, 'product-sync', (scope) => scope.record([{ externalRef: 'x', outcome: 'mapped' }]));

    const owned = ['channel_location_mapping', 'channel_product_mapping', 'stock_sync_item', 'stock_push', 'channel_order', 'sync_run'];
    for (const table of owned) {
      expect({ table, n: await countOf(table, store.id) }).toEqual({ table, n: expect.any(Number) });
      expect(await countOf(table, store.id)).toBeGreaterThan(0);
    }

    const refused = await t.http().delete(`/api/v1/stores/${store.id}`).expect(409);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(refused.body.detail).toBe(`Store ${store.name} is connected: disconnect it first (POST /stores/${store.id}/disconnect)`);
    expect(await countOf('channel_location_mapping', store.id)).toBe(1);

    await t.http(Role.INTEGRATION_MANAGER).post(`/api/v1/stores/${store.id}/disconnect`).expect(200);
    await t.http().delete(`/api/v1/stores/${store.id}`).expect(204);

    for (const table of [...owned, 'channel_return', 'fulfillment_push', 'wholesale_export']) {
      expect({ table, n: await countOf(table, store.id) }).toEqual({ table, n: 0 });
    }
    const [{ links }] = await t.dataSource.query<{ links: number }[]>(
      `SELECT count(*)::int AS links FROM channel_order_link WHERE warehouse_order_id = $1`,
      [wmsOrder.id],
    );
    expect(links).toBe(0);
    const kept = await t.http().get(`/api/v1/orders/${wmsOrder.id}`).expect(200);
    expect(kept.body.id).toBe(wmsOrder.id);
    await t.http().get(`/api/v1/stores/${store.id}`).expect(404);
  });

  it('refuses a store that needs re-authorisation (it still holds credentials)', async () => {
    const store = await makeStore(t);
    await t.app.get(StoreConnectionService).markNeedsReauth(store.id);
    const refused = await t.http().delete(`/api/v1/stores/${store.id}`).expect(409);
    expect(refused.body.detail).toContain('disconnect it first');
  });

  it('refuses a shop a JOOR account exports to (409 naming the JOOR store), until that store is removed', async () => {
    const plugins = t.app.get(PluginService);
    const connections = t.app.get(StoreConnectionService);
    await plugins.activate('shopify');
    await plugins.activate('joor-b2b');
    const shop = await connections.connect({
      pluginKey: 'shopify',
      externalAccountId: `${uniq('target')}.myshopify.com`,
      name: 'Target shop',
      credentials: { accessToken: 'shpat_target' },
    });
    const joor = await connections.connect({
      pluginKey: 'joor-b2b',
      externalAccountId: uniq('joor'),
      name: 'Acme wholesale',
      credentials: { apiToken: 'joor-token' },
      targetStoreId: shop.id,
    });
    // A delivery of the shop's, received while it was connected.
    const webhookId = uniq('webhook');
    await t.dataSource.query(
      `INSERT INTO shopify_webhook_inbox (webhook_id, topic, shop_domain, store_id, raw_body) VALUES ($1, 'orders/create', $2, $3, '{}')`,
      [webhookId, shop.externalAccountId, shop.id],
    );
    await t.http().post(`/api/v1/stores/${shop.id}/disconnect`).expect(200);

    const refused = await t.http().delete(`/api/v1/stores/${shop.id}`).expect(409);
    expect(refused.body.detail).toBe(
      `Store Target shop receives the orders of Acme wholesale (joor-b2b store ${joor.id}): remove that store first`,
    );
    await t.http().get(`/api/v1/stores/${shop.id}`).expect(200);

    await t.http().delete(`/api/v1/stores/${joor.id}`).expect(409);
    await t.http().post(`/api/v1/stores/${joor.id}/disconnect`).expect(200);
    await t.http().delete(`/api/v1/stores/${joor.id}`).expect(204);
    await t.http().delete(`/api/v1/stores/${shop.id}`).expect(204);
    // The shop's deliveries stay, without a store: their ids are still recognised, and one still waiting is dropped.
    const [delivery] = await t.dataSource.query<{ store_id: string | null }[]>(
      `SELECT store_id FROM shopify_webhook_inbox WHERE webhook_id = $1`,
      [webhookId],
    );
    expect(delivery).toEqual({ store_id: null });
  });

  it('answers 404 for an unknown store', async () => {
    const id = randomUUID();
    const res = await t.http().delete(`/api/v1/stores/${id}`).expect(404);
    expect(res.body).toMatchObject({ status: 404, detail: `No store ${id}` });
  });
});
