import { Role, StoreService, StoreStatus } from '@gantry/core';
import { receive } from '@gantry/testing';
import { gql, startShopifyEnv, type ShopifyTestEnv } from './shopify-test.env';
import { settled, setupStockSync, shopifyAvailable as shopifyAvailableOf, until, type StockFixture } from './stock-sync.fixture';

describe('stock sync WMS → Shopify', () => {
  let env: ShopifyTestEnv;

  beforeAll(async () => {
    env = await startShopifyEnv({ worker: true });
  });
  afterAll(() => env.close());

  const setup = (shop: string, mode: 'absolute' | 'delta', skuCount: number, windowSeconds = 30): Promise<StockFixture> =>
    setupStockSync(env, shop, { mode, skuCount, windowSeconds });
  const shopifyAvailable = (f: StockFixture, inventoryItemId: string): Promise<number> => shopifyAvailableOf(env, f, inventoryItemId);

  const inventoryCalls = async (f: StockFixture): Promise<number> => {
    const res = await fetch(`${env.sandboxUrl}/__sandbox/shops/${f.shop}/log`);
    const log = (await res.json()) as { operationName?: string; query?: string }[] | { calls: { operationName?: string }[] };
    const calls = Array.isArray(log) ? log : log.calls;
    return calls.filter((c) => /GantrySetAvailable|GantryAdjustAvailable/.test(JSON.stringify(c))).length;
  };

  it('absolute: a change goes out at once, further changes in the window merge into one trailing push', async () => {
    const f = await setup('stock-absolute.myshopify.com', 'absolute', 1, 2);
    const [{ product, inventoryItemId }] = f.products as [StockFixture['products'][number]];
    await receive(env.t, product.sku, f.warehouse.id, 10);
    await until(
      () => shopifyAvailable(f, inventoryItemId),
      (q) => q === 10,
      'leading-edge push',
    );
    const afterFirst = await inventoryCalls(f);
    await receive(env.t, product.sku, f.warehouse.id, 5);
    await env.t
      .http(Role.OPERATOR)
      .post('/api/v1/stock/movements')
      .send({ type: 'pick', sku: product.sku, warehouseId: f.warehouse.id, quantity: 3 })
      .expect(201);
    await until(
      () => shopifyAvailable(f, inventoryItemId),
      (q) => q === 12,
      'trailing-edge push',
    );
    expect((await inventoryCalls(f)) - afterFirst).toBe(1);
    // Shopify may show the value a moment before our bookkeeping of the push commits.
    const item = await until(
      async () =>
        (
          await env.t.dataSource.query(
            `SELECT channel_quantity, wanted_version::int AS wanted, pushed_version::int AS pushed FROM stock_sync_item WHERE store_id = $1`,
            [f.storeId],
          )
        )[0],
      (row: { pushed: number }) => row.pushed === 3,
      'the push recorded',
    );
    expect(item).toEqual({ channel_quantity: 12, wanted: 3, pushed: 3 });

    const runs = await env.t.http(Role.VIEWER).get(`/api/v1/sync-runs?storeId=${f.storeId}&kind=stock-push`).expect(200);
    expect(runs.body).toHaveLength(2);
    const run = await env.t
      .http(Role.VIEWER)
      .get(`/api/v1/sync-runs/${runs.body[0].id as string}`)
      .expect(200);
    expect(run.body).toMatchObject({ status: 'succeeded', counts: { pushed: 1, calls: 1 } });
    expect(run.body.items).toEqual([expect.objectContaining({ sku: product.sku, outcome: 'pushed', reason: 'set 12' })]);
    const metrics = await env.t.http(Role.VIEWER).get('/metrics').expect(200);
    expect(metrics.text).toContain('# TYPE gantry_stock_pending_items gauge');
  });

  it('absolute: batches many products into calls of at most 250 quantities', async () => {
    const f = await setup('stock-batch.myshopify.com', 'absolute', 3);
    const movements = f.products.map((p, i) => ({ type: 'receipt', sku: p.product.sku, warehouseId: f.warehouse.id, quantity: i + 1 }));
    await env.t.http().post('/api/v1/stock/movements/batch').send({ movements }).expect(201);
    for (const [i, p] of f.products.entries()) {
      await until(
        () => shopifyAvailable(f, p.inventoryItemId),
        (q) => q === i + 1,
        `product ${i}`,
      );
    }
    expect(await inventoryCalls(f)).toBe(1);
  });

  it('absolute: never overwrites a sale Shopify counted; it re-reads, waits, then sets and records drift', async () => {
    const f = await setup('stock-race.myshopify.com', 'absolute', 1, 1);
    const [{ product, inventoryItemId }] = f.products as [StockFixture['products'][number]];
    await receive(env.t, product.sku, f.warehouse.id, 8);
    await until(
      () => shopifyAvailable(f, inventoryItemId),
      (q) => q === 8,
      'first push',
    );
    // A sale on Shopify the warehouse has not imported: Shopify now holds 7. Its webhook is lost, so only the
    // compare-and-set of the next push can notice.
    await fetch(`${env.sandboxUrl}/__sandbox/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ shop: f.shop, dropWebhooks: 1 }),
    });
    await gql(
      env,
      f.shop,
      f.token,
      `mutation($input: InventoryAdjustQuantitiesInput!) { inventoryAdjustQuantities(input: $input) @idempotent(key: "sale-1") { userErrors { message } } }`,
      {
        input: {
          name: 'available',
          reason: 'correction',
          changes: [{ inventoryItemId, locationId: f.locationId, delta: -1, changeFromQuantity: null }],
        },
      },
    );
    await new Promise((r) => setTimeout(r, 1100));
    await receive(env.t, product.sku, f.warehouse.id, 2);
    await until(
      () => shopifyAvailable(f, inventoryItemId),
      (q) => q === 10,
      'push after the stale compare-and-set',
      20_000,
    );
    const [item] = await env.t.dataSource.query(`SELECT drift_total FROM stock_sync_item WHERE store_id = $1`, [f.storeId]);
    expect(item.drift_total).toBe(-1);
    const stale = await env.t.dataSource.query(`SELECT count(*)::int AS n FROM stock_push WHERE store_id = $1 AND error = 'stale'`, [
      f.storeId,
    ]);
    expect(stale[0].n).toBe(1);
  });

  it('delta: sends the change since the last sync and not the store’s own orders', async () => {
    const f = await setup('stock-delta.myshopify.com', 'delta', 1, 1);
    const [{ product, inventoryItemId }] = f.products as [StockFixture['products'][number]];
    // Shopify already holds 4 the warehouse does not know about: delta mode leaves them alone.
    await gql(
      env,
      f.shop,
      f.token,
      `mutation($input: InventoryAdjustQuantitiesInput!) { inventoryAdjustQuantities(input: $input) @idempotent(key: "preexisting") { userErrors { message } } }`,
      {
        input: {
          name: 'available',
          reason: 'correction',
          changes: [{ inventoryItemId, locationId: f.locationId, delta: 4, changeFromQuantity: null }],
        },
      },
    );
    await receive(env.t, product.sku, f.warehouse.id, 10);
    await until(
      () => shopifyAvailable(f, inventoryItemId),
      (q) => q === 14,
      'delta +10',
    );
    // An order of this very store reserves 2: Shopify counted the sale itself, so nothing is sent.
    const { OrderService } = await import('@gantry/wms');
    await env.t.app.get(OrderService).create({
      warehouseId: f.warehouse.id,
      storeId: f.storeId,
      externalId: 'gid://shopify/Order/1',
      externalNumber: '#1',
      lines: [{ sku: product.sku, quantity: 2, externalLineId: 'gid://shopify/LineItem/1' }],
    });
    await new Promise((r) => setTimeout(r, 1500));
    await env.t
      .http(Role.OPERATOR)
      .post('/api/v1/stock/movements')
      .send({ type: 'adjustment', sku: product.sku, warehouseId: f.warehouse.id, quantity: -1 })
      .expect(201);
    await until(
      () => shopifyAvailable(f, inventoryItemId),
      (q) => q === 13,
      'delta -1 only',
    );
    await new Promise((r) => setTimeout(r, 1500));
    expect(await shopifyAvailable(f, inventoryItemId)).toBe(13);
    expect((await env.t.app.get(StoreService).get(f.storeId)).status).toBe(StoreStatus.CONNECTED);
  });

  const editOnShopify = async (f: StockFixture, inventoryItemId: string, delta: number, key: string): Promise<void> => {
    const res = await gql(
      env,
      f.shop,
      f.token,
      `mutation($input: InventoryAdjustQuantitiesInput!, $key: String!) { inventoryAdjustQuantities(input: $input) @idempotent(key: $key) { userErrors { message } } }`,
      {
        key,
        input: {
          name: 'available',
          reason: 'correction',
          changes: [{ inventoryItemId, locationId: f.locationId, delta, changeFromQuantity: null }],
        },
      },
    );
    expect(res.data.inventoryAdjustQuantities.userErrors).toEqual([]);
  };

  it('reconcile: reports drift per item; absolute mode corrects it, delta mode only records it', async () => {
    const abs = await setup('stock-reconcile-abs.myshopify.com', 'absolute', 2, 1);
    await receive(env.t, abs.products[0]?.product.sku, abs.warehouse.id, 6);
    await until(
      () => shopifyAvailable(abs, abs.products[0]?.inventoryItemId),
      (q) => q === 6,
      'first push',
    );
    await editOnShopify(abs, abs.products[0]?.inventoryItemId, 3, 'abs-edit');
    await editOnShopify(abs, abs.products[1]?.inventoryItemId, 2, 'abs-edit-2');

    await env.t.http(Role.OPERATOR).post(`/api/v1/stores/${abs.storeId}/stock-reconcile`).expect(403);
    const res = await env.t.http(Role.INTEGRATION_MANAGER).post(`/api/v1/stores/${abs.storeId}/stock-reconcile`).expect(200);
    expect(res.body).toMatchObject({ kind: 'stock-reconcile', status: 'succeeded', counts: { drift: 2 } });
    expect(res.body.counts).not.toHaveProperty('drifted');
    const run = await env.t
      .http(Role.VIEWER)
      .get(`/api/v1/sync-runs/${res.body.id as string}`)
      .expect(200);
    expect(run.body.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          sku: abs.products[0]?.product.sku,
          outcome: 'drift',
          reason: 'WMS 6, Shopify 9, difference +3; corrected',
        }),
        expect.objectContaining({
          sku: abs.products[1]?.product.sku,
          outcome: 'drift',
          reason: 'WMS 0, Shopify 2, difference +2; corrected',
        }),
      ]),
    );
    await until(
      () => shopifyAvailable(abs, abs.products[0]?.inventoryItemId),
      (q) => q === 6,
      'correction of the first item',
    );
    await until(
      () => shopifyAvailable(abs, abs.products[1]?.inventoryItemId),
      (q) => q === 0,
      'correction of the second item',
    );

    const delta = await setup('stock-reconcile-delta.myshopify.com', 'delta', 1, 1);
    const item = delta.products[0]?.inventoryItemId;
    await receive(env.t, delta.products[0]?.product.sku, delta.warehouse.id, 5);
    await until(
      () => shopifyAvailable(delta, item),
      (q) => q === 5,
      'delta push',
    );
    await editOnShopify(delta, item, -2, 'delta-edit');
    const deltaRun = await env.t.http(Role.INTEGRATION_MANAGER).post(`/api/v1/stores/${delta.storeId}/stock-reconcile`).expect(200);
    expect(deltaRun.body.counts).toMatchObject({ drift: 1 });
    const deltaItems = await env.t
      .http(Role.VIEWER)
      .get(`/api/v1/sync-runs/${deltaRun.body.id as string}`)
      .expect(200);
    expect(deltaItems.body.items).toEqual([
      expect.objectContaining({
        outcome: 'drift',
        reason: 'WMS 5, Shopify 3, difference -2; recorded (delta mode leaves the channel as it is)',
      }),
    ]);
    await new Promise((r) => setTimeout(r, 1500));
    expect(await shopifyAvailable(delta, item)).toBe(3);
  });

  it('waits out Shopify throttling instead of failing', async () => {
    const f = await setup('stock-throttled.myshopify.com', 'absolute', 1, 1);
    const [{ product, inventoryItemId }] = f.products as [StockFixture['products'][number]];
    await fetch(`${env.sandboxUrl}/__sandbox/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ shop: f.shop, throttle: true }),
    });
    await receive(env.t, product.sku, f.warehouse.id, 4);
    await new Promise((r) => setTimeout(r, 1500));
    await fetch(`${env.sandboxUrl}/__sandbox/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ shop: f.shop, throttle: false }),
    });
    await until(
      () => shopifyAvailable(f, inventoryItemId),
      (q) => q === 4,
      'push after throttling',
      20_000,
    );
    const failed = await env.t.dataSource.query(`SELECT count(*)::int AS n FROM stock_push WHERE store_id = $1 AND status = 'failed'`, [
      f.storeId,
    ]);
    expect(failed[0].n).toBe(0);
  });

  it('an auth error sets the store to needs_reauth and stops its pushes', async () => {
    const f = await setup('stock-revoked.myshopify.com', 'absolute', 1, 1);
    const [{ product }] = f.products as [StockFixture['products'][number]];
    // The token stops working and the app/uninstalled webhook is lost: only the push itself can notice.
    await fetch(`${env.sandboxUrl}/__sandbox/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ shop: f.shop, dropWebhooks: 1 }),
    });
    await fetch(`${env.sandboxUrl}/__sandbox/shops/${f.shop}/uninstall`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ apiKey: 'shopify-test-key' }),
    });
    await receive(env.t, product.sku, f.warehouse.id, 4);
    await until(
      async () => (await env.t.app.get(StoreService).get(f.storeId)).status,
      (s) => s === StoreStatus.NEEDS_REAUTH,
      'needs_reauth',
    );
    const pending = await env.t.dataSource.query(
      `SELECT count(*)::int AS n FROM stock_sync_item WHERE store_id = $1 AND wanted_version > pushed_version`,
      [f.storeId],
    );
    expect(pending[0].n).toBe(1);
  });

  it('a push Shopify refused goes again under a key of its own, not the refused one', async () => {
    const f = await setup('stock-refused.myshopify.com', 'absolute', 1, 1);
    const [{ product }] = f.products as [StockFixture['products'][number]];
    // Enabling absolute mode pushed every pair once (the first push); the receipt is the push under test.
    await settled(env, f.storeId);
    const pushes = () =>
      env.t.dataSource.query<{ id: string; idempotency_key: string; status: string; expected: number | null }[]>(
        `SELECT id, idempotency_key, status, (lines->0->>'expected')::int AS expected FROM stock_push WHERE store_id = $1 ORDER BY id`,
        [f.storeId],
      );
    const before = (await pushes()).length;
    await receive(env.t, product.sku, f.warehouse.id, 6);
    const first = (await until(pushes, (rows) => rows.length === before + 1 && rows[before]?.status === 'done', 'the receipt push'))[
      before
    ];
    // Its echo (inventory_levels/update, available 6) must be decided before the state is rewound below.
    await until(
      () =>
        env.t.dataSource.query<{ n: number }[]>(
          `SELECT count(*)::int AS n FROM shopify_webhook_inbox WHERE shop_domain = $1 AND topic = 'inventory_levels/update'
              AND raw_body LIKE '%"available":6%' AND processed_at IS NOT NULL`,
          [f.shop],
        ),
      (r) => (r[0]?.n ?? 0) > 0,
      'the echo of the receipt push',
    );
    // As if Shopify had refused it: nothing applied, the same lines due again.
    await env.t.dataSource.query(`UPDATE stock_push SET status = 'failed', error = 'refused' WHERE id = $1`, [first?.id]);
    await env.t.dataSource.query(
      `UPDATE stock_sync_item SET pushed_version = pushed_version - 1, channel_quantity = $2, due_at = now(), pending_since = now() WHERE store_id = $1`,
      [f.storeId, first?.expected ?? null],
    );
    // (Shopify did apply the first one, so the re-sent one meets a stale compare-and-set: it learns 6 and settles.)
    const rows = await until(pushes, (r) => r.length >= before + 2 && r[before + 1]?.status !== 'pending', 'the second push');
    expect(rows.slice(before, before + 2).map((r) => r.idempotency_key)).toEqual([
      first?.idempotency_key,
      `${first?.idempotency_key ?? ''}-r1`,
    ]);
    await settled(env, f.storeId);
    expect(await shopifyAvailableOf(env, f, f.products[0]?.inventoryItemId ?? '')).toBe(6);
    const claimed = await env.t.dataSource.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM stock_sync_item WHERE store_id = $1 AND push_id IS NULL AND pushed_version = wanted_version`,
      [f.storeId],
    );
    expect(claimed).toEqual([{ n: 1 }]);
  });

  const inboxOutcomes = async (shop: string): Promise<string[]> =>
    (
      await env.t.dataSource.query<{ outcome: string }[]>(
        `SELECT outcome FROM shopify_webhook_inbox WHERE shop_domain = $1 AND topic = 'inventory_levels/update' AND processed_at IS NOT NULL ORDER BY id`,
        [shop],
      )
    ).map((r) => r.outcome);

  it('Shopify-side edits: echoes of our pushes are ignored; other edits are set back (absolute) or recorded (delta)', async () => {
    const abs = await setup('stock-edits-abs.myshopify.com', 'absolute', 1, 1);
    const absItem = abs.products[0]?.inventoryItemId;
    await receive(env.t, abs.products[0]?.product.sku, abs.warehouse.id, 10);
    await until(
      () => shopifyAvailable(abs, absItem),
      (q) => q === 10,
      'push',
    );
    await until(
      () => inboxOutcomes(abs.shop),
      (o) => o.includes('echo'),
      'the echo of our push',
    );
    expect(await inboxOutcomes(abs.shop)).not.toContain('drift-correcting');
    await editOnShopify(abs, absItem, 3, 'merchant-edit');
    await until(
      () => inboxOutcomes(abs.shop),
      (o) => o.includes('drift-correcting'),
      'the edit recognised as drift',
    );
    await until(
      () => shopifyAvailable(abs, absItem),
      (q) => q === 10,
      'set back by the next push',
    );
    const runs = await env.t.http(Role.VIEWER).get(`/api/v1/sync-runs?storeId=${abs.storeId}&kind=stock-channel-edit`).expect(200);
    expect(runs.body).toHaveLength(1);

    const delta = await setup('stock-edits-delta.myshopify.com', 'delta', 1, 1);
    const deltaItem = delta.products[0]?.inventoryItemId;
    await receive(env.t, delta.products[0]?.product.sku, delta.warehouse.id, 10);
    await until(
      () => shopifyAvailable(delta, deltaItem),
      (q) => q === 10,
      'delta push',
    );
    await editOnShopify(delta, deltaItem, -4, 'merchant-edit-delta');
    await until(
      () => inboxOutcomes(delta.shop),
      (o) => o.includes('drift-recorded'),
      'the edit recorded',
    );
    await new Promise((r) => setTimeout(r, 1500));
    expect(await shopifyAvailable(delta, deltaItem)).toBe(6);
  });
});
