import { Role } from '@gantry/core';
import { levelOf, makeProduct, until } from '@gantry/testing';
import { decided, setupOrders, shopifyOrder, warehouseOrder, type OrdersFixture } from './orders-in.fixture';
import { gql, sandboxPost, sign, startShopifyEnv, type ShopifyTestEnv } from './shopify-test.env';

jest.setTimeout(120_000);

/**
 * Orders Shopify → WMS over real HTTP: the sandbox sends the webhooks of orders made with the staff token, the worker
 * imports them through the core's order engine.
 */
describe('orders in: Shopify → WMS', () => {
  let env: ShopifyTestEnv;
  let shops = 0;
  const nextShop = (): string => `orders-${++shops}.myshopify.com`;

  beforeAll(async () => {
    env = await startShopifyEnv({ worker: true });
  });
  afterAll(() => env.close());

  const markPaid = async (f: OrdersFixture, id: string): Promise<void> => {
    const res = await gql(env, f.shop, f.token, `mutation($id: ID!) { orderMarkAsPaid(input: { id: $id }) { userErrors { message } } }`, {
      id,
    });
    expect(res.data.orderMarkAsPaid.userErrors).toEqual([]);
  };

  it('imports an order once, with reservations, even when every webhook comes twice', async () => {
    const f = await setupOrders(env, nextShop());
    await sandboxPost(env, '/__sandbox/faults', { shop: f.shop, duplicateWebhooks: 1 });
    const [a, b] = f.products;
    const order = await shopifyOrder(env, f, [
      { variant: 0, quantity: 2 },
      { variant: 1, quantity: 3 },
    ]);
    const row = await decided(env, f, order.id);
    expect(row).toMatchObject({ state: 'imported', reason: null });
    expect(row.warehouseOrders).toHaveLength(1);
    const wms = await warehouseOrder(env, row.warehouseOrders[0]?.warehouseOrderId ?? '');
    expect(wms).toMatchObject({ status: 'open', externalId: order.id, warehouseId: f.warehouses[0]?.id, storeId: f.storeId });
    expect(wms.lines.map((l: { sku: string; quantity: number }) => [l.sku, l.quantity]).sort()).toEqual(
      [
        [a?.sku, 2],
        [b?.sku, 3],
      ].sort(),
    );
    expect(await levelOf(env.t, a?.sku ?? '', f.warehouses[0]?.id ?? '')).toMatchObject({ onHand: 50, reserved: 2, available: 48 });
    // Paid and updated deliveries of the same order, each twice: still one warehouse order.
    await markPaid(f, order.id);
    await decided(env, f, order.id);
    const list = await env.t.http().get(`/api/v1/orders?storeId=${f.storeId}`).expect(200);
    expect(list.body).toHaveLength(1);
    expect(await levelOf(env.t, b?.sku ?? '', f.warehouses[0]?.id ?? '')).toMatchObject({ reserved: 3 });
    // create, paid and updated: each delivery (each twice) processed into the order intake.
    await until(
      async () =>
        (
          await env.t.dataSource.query<{ n: number }[]>(
            `SELECT count(*)::int AS n FROM shopify_webhook_inbox WHERE store_id = $1 AND outcome LIKE 'order-%'`,
            [f.storeId],
          )
        )[0]?.n ?? 0,
      (n) => n >= 3,
      'the order deliveries to be processed',
    );
    await decided(env, f, order.id);
    expect((await env.t.http().get(`/api/v1/orders?storeId=${f.storeId}`).expect(200)).body).toHaveLength(1);
  });

  it('routes fulfillment orders at two mapped locations into two warehouse orders, each linked to its fulfillment order', async () => {
    const f = await setupOrders(env, nextShop(), { locations: 2, skuCount: 2, stockAt: (i) => i });
    const order = await shopifyOrder(env, f, [
      { variant: 0, quantity: 1 },
      { variant: 1, quantity: 4 },
    ]);
    const row = await decided(env, f, order.id);
    expect(row.state).toBe('imported');
    expect(row.warehouseOrders).toHaveLength(2);
    const fos = await gql(
      env,
      f.shop,
      f.token,
      `query($id: ID!) { order(id: $id) { fulfillmentOrders(first: 5) { nodes { id assignedLocation { location { id } } } } } }`,
      { id: order.id },
    );
    const foAt = new Map<string, string>(
      fos.data.order.fulfillmentOrders.nodes.map((n: { id: string; assignedLocation: { location: { id: string } } }) => [
        n.assignedLocation.location.id,
        n.id,
      ]),
    );
    for (const [i, warehouse] of f.warehouses.entries()) {
      const link = row.warehouseOrders.find((w) => w.warehouseId === warehouse.id);
      expect(link?.allocationIds).toEqual([foAt.get(f.locations[i] ?? '')]);
      const wms = await warehouseOrder(env, link?.warehouseOrderId ?? '');
      expect(wms).toMatchObject({
        warehouseId: warehouse.id,
        shippingProcessId: f.processes[i],
        channelAllocationIds: link?.allocationIds,
      });
      expect(wms.lines).toEqual([expect.objectContaining({ sku: f.products[i]?.sku, quantity: i === 0 ? 1 : 4 })]);
    }
  });

  it('reads every fulfillment order line of a large order (beyond the batched read) before routing it', async () => {
    // 22 products stocked only at the second (not default) location: one fulfillment order of 22 lines there.
    const f = await setupOrders(env, nextShop(), { locations: 2, skuCount: 22, stockAt: () => 1 });
    const order = await shopifyOrder(
      env,
      f,
      f.products.map((_, i) => ({ variant: i, quantity: 1 + (i % 2) })),
    );
    const row = await decided(env, f, order.id);
    expect(row.state).toBe('imported');
    // All of it at the second warehouse: no line left to the default for want of a page.
    expect(row.warehouseOrders.map((w) => w.warehouseId)).toEqual([f.warehouses[1]?.id]);
    const wms = await warehouseOrder(env, row.warehouseOrders[0]?.warehouseOrderId ?? '');
    expect(wms.lines).toHaveLength(22);
  });

  it('skips what the filters refuse with the reason, and imports it when a later change makes it pass', async () => {
    const f = await setupOrders(env, nextShop(), { orderFilters: { financialStatuses: ['PAID'], tagsNoneOf: ['wholesale'] } });
    const pending = await shopifyOrder(env, f, [{ variant: 0, quantity: 1 }]);
    expect(await decided(env, f, pending.id)).toMatchObject({ state: 'skipped', reason: 'financial status PENDING is not one of PAID' });
    const tagged = await shopifyOrder(env, f, [{ variant: 1, quantity: 1 }], { tags: ['Wholesale'], financialStatus: 'PAID' });
    expect(await decided(env, f, tagged.id)).toMatchObject({ state: 'skipped', reason: 'tagged wholesale' });
    expect(await levelOf(env.t, f.products[0]?.sku ?? '', f.warehouses[0]?.id ?? '')).toMatchObject({ reserved: 0 });

    await markPaid(f, pending.id);
    expect(await decided(env, f, pending.id, (r) => r.state !== 'skipped')).toMatchObject({ state: 'imported' });
    const untag = await gql(
      env,
      f.shop,
      f.token,
      `mutation($id: ID!) { tagsRemove(id: $id, tags: ["Wholesale"]) { userErrors { message } } }`,
      {
        id: tagged.id,
      },
    );
    expect(untag.data.tagsRemove.userErrors).toEqual([]);
    expect(await decided(env, f, tagged.id, (r) => r.state !== 'skipped')).toMatchObject({ state: 'imported' });
    expect(await levelOf(env.t, f.products[0]?.sku ?? '', f.warehouses[0]?.id ?? '')).toMatchObject({ reserved: 1 });
  });

  it('holds an order with an unmapped SKU (reserving the rest) and imports it once a product sync maps the SKU', async () => {
    const f = await setupOrders(env, nextShop());
    const later = `LATER-${shops}-${Date.now()}`;
    const order = await shopifyOrder(env, f, [
      { variant: 0, quantity: 2 },
      { sku: later, title: 'Not mapped yet', quantity: 1 },
    ]);
    const held = await decided(env, f, order.id);
    expect(held.state).toBe('held');
    expect(held.problems).toEqual([expect.objectContaining({ sku: later, problem: `no mapped product with SKU ${later}` })]);
    const id = held.warehouseOrders[0]?.warehouseOrderId ?? '';
    const wms = await warehouseOrder(env, id);
    expect(wms.status).toBe('needs_attention');
    expect(wms.holdReason).toContain(later);
    const heldList = await env.t.http().get(`/api/v1/orders?storeId=${f.storeId}&status=needs_attention`).expect(200);
    expect(heldList.body.map((o: { id: string }) => o.id)).toEqual([id]);
    expect(await levelOf(env.t, f.products[0]?.sku ?? '', f.warehouses[0]?.id ?? '')).toMatchObject({ reserved: 2 });
    // A retry changes nothing while the SKU is unknown.
    const retried = await env.t.http(Role.OPERATOR).post(`/api/v1/orders/${id}/retry`).expect(200);
    expect(retried.body.state).toBe('held');

    // The product arrives in the WMS and on Shopify; product sync maps it, and the held order goes through.
    await makeProduct(env.t, { sku: later });
    const set = await gql(
      env,
      f.shop,
      f.token,
      `mutation($input: ProductSetInput!) { productSet(input: $input) { userErrors { message } } }`,
      {
        input: {
          title: later,
          productOptions: [{ name: 'SKU', values: [{ name: later }] }],
          variants: [
            { optionValues: [{ optionName: 'SKU', name: later }], sku: later, price: '1.00', inventoryItem: { sku: later, tracked: true } },
          ],
        },
      },
    );
    expect(set.data.productSet.userErrors).toEqual([]);
    await env.t.http(Role.INTEGRATION_MANAGER).post(`/api/v1/stores/${f.storeId}/product-sync`).expect(200);
    expect(await decided(env, f, order.id, (r) => r.state !== 'held')).toMatchObject({ state: 'imported', problems: [] });
    const released = await warehouseOrder(env, id);
    expect(released).toMatchObject({ status: 'open', holdReason: null });
    expect(await levelOf(env.t, later, f.warehouses[0]?.id ?? '')).toMatchObject({ reserved: 1 });
  });

  it('follows an edit before shipment, cancels with the order, and records a cancel after shipment as a conflict', async () => {
    const f = await setupOrders(env, nextShop());
    const [a, b] = f.products;
    const wh = f.warehouses[0]?.id ?? '';
    const order = await shopifyOrder(env, f, [{ variant: 0, quantity: 3 }]);
    const row = await decided(env, f, order.id);
    const id = row.warehouseOrders[0]?.warehouseOrderId ?? '';
    // The merchant takes one unit off and adds another product.
    const begin = await gql(
      env,
      f.shop,
      f.token,
      `mutation($id: ID!) { orderEditBegin(id: $id) { calculatedOrder { id lineItems(first: 5) { nodes { id sku } } } userErrors { message } } }`,
      {
        id: order.id,
      },
    );
    const calc = begin.data.orderEditBegin.calculatedOrder;
    const line = calc.lineItems.nodes.find((n: { sku: string }) => n.sku === a?.sku);
    await gql(
      env,
      f.shop,
      f.token,
      `mutation($id: ID!, $line: ID!) { orderEditSetQuantity(id: $id, lineItemId: $line, quantity: 2, restock: true) { userErrors { message } } }`,
      {
        id: calc.id,
        line: line.id,
      },
    );
    await gql(
      env,
      f.shop,
      f.token,
      `mutation($id: ID!, $v: ID!) { orderEditAddVariant(id: $id, variantId: $v, quantity: 4) { userErrors { message } } }`,
      {
        id: calc.id,
        v: f.variants[1],
      },
    );
    const commit = await gql(
      env,
      f.shop,
      f.token,
      `mutation($id: ID!) { orderEditCommit(id: $id, notifyCustomer: false) { userErrors { message } } }`,
      {
        id: calc.id,
      },
    );
    expect(commit.data.orderEditCommit.userErrors).toEqual([]);
    await until(
      async () => (await warehouseOrder(env, id)).lines.map((l: { sku: string; quantity: number }) => `${l.sku}:${l.quantity}`).sort(),
      (lines: string[]) => lines.join() === [`${a?.sku}:2`, `${b?.sku}:4`].sort().join(),
      'the edit to reach the warehouse order',
    );
    expect(await levelOf(env.t, a?.sku ?? '', wh)).toMatchObject({ reserved: 2 });
    expect(await levelOf(env.t, b?.sku ?? '', wh)).toMatchObject({ reserved: 4 });

    // Cancelled on Shopify before anything ships: the warehouse order goes, its reservations too.
    const cancel = `mutation($id: ID!) { orderCancel(orderId: $id, reason: CUSTOMER, refund: false, restock: true) { orderCancelUserErrors { message } } }`;
    await gql(env, f.shop, f.token, cancel, { id: order.id });
    expect(await decided(env, f, order.id, (r) => r.state === 'cancelled')).toMatchObject({ state: 'cancelled' });
    expect((await warehouseOrder(env, id)).status).toBe('cancelled');
    expect(await levelOf(env.t, a?.sku ?? '', wh)).toMatchObject({ reserved: 0 });

    // Shipped, then cancelled on Shopify: a conflict a person sees, nothing undone.
    const shipped = await shopifyOrder(env, f, [{ variant: 2, quantity: 1 }]);
    const shippedRow = await decided(env, f, shipped.id);
    const shippedId = shippedRow.warehouseOrders[0]?.warehouseOrderId ?? '';
    await env.t
      .http()
      .post(`/api/v1/orders/${shippedId}/shipments`)
      .send({ carrier: 'UPS', trackingNumber: '1Z999', lines: [{ sku: f.products[2]?.sku, quantity: 1 }] })
      .expect(201);
    // An edit after the warehouse shipped: nothing changes in the warehouse; the order waits for a person.
    const shippedEdit = await gql(
      env,
      f.shop,
      f.token,
      `mutation($id: ID!) { orderEditBegin(id: $id) { calculatedOrder { id } userErrors { message } } }`,
      { id: shipped.id },
    );
    const shippedCalc = shippedEdit.data.orderEditBegin.calculatedOrder.id as string;
    await gql(
      env,
      f.shop,
      f.token,
      `mutation($id: ID!, $v: ID!) { orderEditAddVariant(id: $id, variantId: $v, quantity: 1) { userErrors { message } } }`,
      {
        id: shippedCalc,
        v: f.variants[0],
      },
    );
    await gql(env, f.shop, f.token, `mutation($id: ID!) { orderEditCommit(id: $id, notifyCustomer: false) { userErrors { message } } }`, {
      id: shippedCalc,
    });
    const heldAfterShipping = await decided(env, f, shipped.id, (r) => r.state === 'held');
    expect(heldAfterShipping.reason).toContain('changed on the channel after the warehouse started shipping');
    const lockedOrder = await warehouseOrder(env, shippedId);
    expect(lockedOrder.lines).toHaveLength(1);
    expect(lockedOrder.holdReason).toContain('changed on the channel after the warehouse started shipping');

    await gql(env, f.shop, f.token, cancel, { id: shipped.id });
    const conflict = await decided(env, f, shipped.id, (r) => r.state === 'conflict');
    expect(conflict.reason).toContain('cancelled on the channel');
    const after = await warehouseOrder(env, shippedId);
    expect(after.status).toBe('shipped');
    expect(after.holdReason).toContain('cancelled on the channel');
  });

  it('imports what the webhooks missed when reconciled, as a sync run with per-order outcomes', async () => {
    const f = await setupOrders(env, nextShop());
    await sandboxPost(env, '/__sandbox/faults', { shop: f.shop, dropWebhooks: 1 });
    const missed = await shopifyOrder(env, f, [{ variant: 0, quantity: 1 }]);
    const other = await shopifyOrder(env, f, [{ variant: 1, quantity: 2 }]);
    await new Promise((r) => setTimeout(r, 500));
    expect((await env.t.http().get(`/api/v1/orders?storeId=${f.storeId}`).expect(200)).body).toEqual([]);
    await sandboxPost(env, '/__sandbox/faults', { shop: f.shop, dropWebhooks: 0 });
    const run = await env.t
      .http(Role.INTEGRATION_MANAGER)
      .post(`/api/v1/stores/${f.storeId}/order-import`)
      .send({ since: new Date(Date.now() - 3600_000).toISOString() })
      .expect(200);
    expect(run.body).toMatchObject({ kind: 'order-import', status: 'succeeded', counts: { recovered: 2 } });
    expect(await decided(env, f, missed.id)).toMatchObject({ state: 'imported' });
    expect(await decided(env, f, other.id)).toMatchObject({ state: 'imported' });
    const again = await env.t.http(Role.INTEGRATION_MANAGER).post(`/api/v1/stores/${f.storeId}/order-import`).send({}).expect(200);
    expect(again.body.counts).toMatchObject({ known: 2 });
    expect((await env.t.http().get(`/api/v1/orders?storeId=${f.storeId}`).expect(200)).body).toHaveLength(2);
    await env.t.http(Role.INTEGRATION_MANAGER).post(`/api/v1/stores/${f.storeId}/order-import`).send({ since: 'yesterday' }).expect(400);
  });

  it('reconciles many missed orders through one bulk export after a few pages', async () => {
    const f = await setupOrders(env, nextShop(), { skuCount: 2 });
    await sandboxPost(env, '/__sandbox/faults', { shop: f.shop, dropWebhooks: 1 });
    const created: string[] = [];
    for (let i = 0; i < 40; i++) {
      created.push((await shopifyOrder(env, f, [{ variant: i % 2, quantity: 1 + (i % 3) }])).id);
    }
    await sandboxPost(env, '/__sandbox/faults', { shop: f.shop, dropWebhooks: 0 });
    const run = await env.t
      .http(Role.INTEGRATION_MANAGER)
      .post(`/api/v1/stores/${f.storeId}/order-import`)
      .send({ since: new Date(Date.now() - 3600_000).toISOString() })
      .expect(200);
    expect(run.body).toMatchObject({ status: 'succeeded', counts: { recovered: 40 } });
    const log = (await (await fetch(`${env.sandboxUrl}/__sandbox/shops/${f.shop}/log`)).json()) as { calls: { rootFields: string[] }[] };
    const roots = log.calls.flatMap((c) => c.rootFields);
    expect(roots.filter((r) => r === 'bulkOperationRunQuery')).toHaveLength(1);
    for (const id of created) {
      expect(await decided(env, f, id)).toMatchObject({ state: 'imported' });
    }
    const reserved = (await levelOf(env.t, f.products[0]?.sku ?? '', f.warehouses[0]?.id ?? '')).reserved;
    const expected = Array.from({ length: 40 }, (_, i) => i)
      .filter((i) => i % 2 === 0)
      .reduce((sum, i) => sum + 1 + (i % 3), 0);
    expect(reserved).toBe(expected);
  });

  it('absolute stock sync waits for a sale to be imported before it sets Shopify back (no stock sold twice)', async () => {
    // Two destinations: the import reads the order's fulfillment orders, which the sandbox's latency makes slow.
    const f = await setupOrders(env, nextShop(), { locations: 2, skuCount: 1 });
    await env.t
      .http()
      .patch(`/api/v1/stores/${f.storeId}/settings`)
      .send({ stockSync: { enabled: true, mode: 'absolute', windowSeconds: 1 } })
      .expect(200);
    const item = await env.t.dataSource.query<{ stock_item_id: string }[]>(
      `SELECT stock_item_id FROM channel_product_mapping WHERE store_id = $1`,
      [f.storeId],
    );
    const shopifyAt = async (): Promise<number> => {
      const res = await gql(
        env,
        f.shop,
        f.token,
        `query($id: ID!, $loc: ID!) { inventoryItem(id: $id) { inventoryLevel(locationId: $loc) { quantities(names: ["available"]) { quantity } } } }`,
        { id: item[0]?.stock_item_id, loc: f.locations[0] },
      );
      return res.data.inventoryItem.inventoryLevel.quantities[0].quantity as number;
    };
    await until(shopifyAt, (q) => q === 50, 'the first push');
    await sandboxPost(env, '/__sandbox/faults', { shop: f.shop, latencyMs: 2500 });
    const before = new Date();
    const order = await shopifyOrder(env, f, [{ variant: 0, quantity: 3 }]);
    await until(
      async () =>
        (
          await env.t.dataSource.query<{ outcome: string }[]>(
            `SELECT outcome FROM shopify_webhook_inbox WHERE store_id = $1 AND topic = 'inventory_levels/update' AND received_at >= $2`,
            [f.storeId, before],
          )
        ).map((r) => r.outcome),
      (o) => o.includes('drift-correcting'),
      'the sale seen as drift',
    );
    expect(await decided(env, f, order.id)).toMatchObject({ state: 'imported' });
    await sandboxPost(env, '/__sandbox/faults', { shop: f.shop, latencyMs: 0 });
    await until(shopifyAt, (q) => q === 47, 'Shopify to hold the warehouse value after the sale');
    // Nothing ever told Shopify 50 again after the sale.
    const pushed = await env.t.dataSource.query<{ lines: { quantity: number }[] }[]>(
      `SELECT lines FROM stock_push WHERE store_id = $1 AND created_at >= $2`,
      [f.storeId, before],
    );
    expect(pushed.flatMap((p) => p.lines.map((l) => l.quantity))).not.toContain(50);
  });

  it('previews which recent orders the filters (saved or tried) would import, hold or skip, and why', async () => {
    const f = await setupOrders(env, nextShop());
    const paid = await shopifyOrder(env, f, [{ variant: 0, quantity: 1 }], { financialStatus: 'PAID' });
    const pending = await shopifyOrder(env, f, [{ variant: 1, quantity: 1 }]);
    const unknown = await shopifyOrder(env, f, [{ sku: 'NOT-HERE', title: 'Stranger', quantity: 1 }], { financialStatus: 'PAID' });
    const res = await env.t.http().get(`/api/v1/stores/${f.storeId}/order-filters/preview?days=7&financialStatuses=PAID`).expect(200);
    const verdicts = new Map(res.body.orders.map((o: { externalId: string; verdict: string; reason: string | null }) => [o.externalId, o]));
    expect(verdicts.get(paid.id)).toMatchObject({ verdict: 'import', reason: null });
    expect(verdicts.get(pending.id)).toMatchObject({ verdict: 'skip', reason: 'financial status PENDING is not one of PAID' });
    expect(verdicts.get(unknown.id)).toMatchObject({ verdict: 'hold', reason: 'no mapped product for NOT-HERE' });
    expect(res.body.counts).toEqual({ import: 1, hold: 1, skip: 1 });
    // Nothing was saved.
    const store = await env.t.http().get(`/api/v1/stores/${f.storeId}`).expect(200);
    expect(store.body.settings.orderFilters.financialStatuses).toEqual([]);
    const bad = await env.t.http().get(`/api/v1/stores/${f.storeId}/order-filters/preview?financialStatuses=RICH`).expect(400);
    expect(JSON.stringify(bad.body.errors)).toContain('orderFilters.financialStatuses');
  });

  it('previews every filter field: status, financial and fulfillment status, tags any of / none of, created on or after', async () => {
    const f = await setupOrders(env, nextShop());
    const open = await shopifyOrder(env, f, [{ variant: 0, quantity: 1 }], { tags: ['vip'], financialStatus: 'PAID' });
    const closed = await shopifyOrder(env, f, [{ variant: 1, quantity: 1 }], { closedAt: new Date(Date.now() - 60_000).toISOString() });
    const fulfilled = await shopifyOrder(env, f, [{ variant: 2, quantity: 1 }], { fulfillmentStatus: 'FULFILLED' });
    const verdicts = async (query: string): Promise<Record<string, string>> => {
      const res = await env.t.http().get(`/api/v1/stores/${f.storeId}/order-filters/preview?${query}`).expect(200);
      const byId = new Map((res.body.orders as { externalId: string; verdict: string }[]).map((o) => [o.externalId, o.verdict]));
      return { open: byId.get(open.id) ?? '-', closed: byId.get(closed.id) ?? '-', fulfilled: byId.get(fulfilled.id) ?? '-' };
    };
    expect(await verdicts('statuses=OPEN')).toEqual({ open: 'import', closed: 'skip', fulfilled: 'import' });
    expect(await verdicts('financialStatuses=PAID')).toEqual({ open: 'import', closed: 'skip', fulfilled: 'skip' });
    expect(await verdicts('fulfillmentStatuses=UNFULFILLED')).toEqual({ open: 'import', closed: 'import', fulfilled: 'skip' });
    expect(await verdicts('tagsAnyOf=VIP,gold')).toEqual({ open: 'import', closed: 'skip', fulfilled: 'skip' });
    expect(await verdicts('tagsNoneOf=vip')).toEqual({ open: 'skip', closed: 'import', fulfilled: 'import' });
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString();
    expect(await verdicts(`createdOnOrAfter=${encodeURIComponent(tomorrow)}`)).toEqual({ open: 'skip', closed: 'skip', fulfilled: 'skip' });
    // The same filters saved: the import follows them.
    await env.t
      .http()
      .patch(`/api/v1/stores/${f.storeId}/settings`)
      .send({ orderFilters: { statuses: ['OPEN'], fulfillmentStatuses: ['UNFULFILLED'] } })
      .expect(200);
    const later = await shopifyOrder(env, f, [{ variant: 1, quantity: 1 }], { closedAt: new Date(Date.now() - 1000).toISOString() });
    expect(await decided(env, f, later.id)).toMatchObject({ state: 'skipped', reason: 'status CLOSED is not one of OPEN' });
  });

  it('records a webhook that is JSON but not an order with the reason, once, and accepts bodies of several MB', async () => {
    const f = await setupOrders(env, nextShop(), { skuCount: 1 });
    const post = (body: string, id: string): Promise<Response> =>
      fetch(`${process.env.APP_URL}/api/v1/webhooks/shopify`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-shopify-topic': 'orders/create',
          'x-shopify-shop-domain': f.shop,
          'x-shopify-webhook-id': id,
          'x-shopify-hmac-sha256': sign(body),
        },
        body,
      });
    const bad = JSON.stringify({ id: 1, admin_graphql_api_id: 'gid://shopify/Order/1', created_at: 'soon', line_items: [] });
    expect((await post(bad, `bad-${Date.now()}`)).status).toBe(200);
    const big = JSON.stringify({
      admin_graphql_api_id: 'gid://shopify/Order/9007199254740993123',
      name: '#BIG',
      created_at: '2026-11-30T10:00:00Z',
      updated_at: '2026-11-30T10:00:00Z',
      financial_status: 'paid',
      tags: '',
      note: 'x'.repeat(5 * 1024 * 1024),
      line_items: [
        {
          admin_graphql_api_id: 'gid://shopify/LineItem/9007199254740993124',
          variant_id: '__VARIANT_ID__',
          sku: f.products[0]?.sku,
          quantity: 1,
          current_quantity: 1,
          requires_shipping: true,
        },
      ],
      // Shopify's numeric ids beyond 2^53, written as bare numbers like Shopify does.
    }).replace('"__VARIANT_ID__"', '9007199254740993125');
    expect((await post(big, `big-${Date.now()}`)).status).toBe(200);
    // A NUL escaped inside the JSON (valid JSON; PostgreSQL cannot store the character) is dropped, not a failing import.
    const nul = big
      .replace('9007199254740993123', '9007199254740993200')
      .replace('9007199254740993124', '9007199254740993201')
      .replace('"#BIG"', '"#NUL"')
      // A plain string, not /"note":"x+"/: V8 ran out of stack matching that regex over 5 MB (CI, once).
      .replace(
        `"note":"${'x'.repeat(5 * 1024 * 1024)}"`,
        '"note":"gift\\u0000wrap","shipping_address":{"address1":"1 Main\\u0000 St","city":"Lyon","country_code":"FR"}',
      );
    expect((await post(nul, `nul-${Date.now()}`)).status).toBe(200);
    const outcomes = await until(
      () =>
        env.t.dataSource.query<{ outcome: string | null; big: boolean }[]>(
          `SELECT outcome, length(raw_body) > 1000000 AS big FROM shopify_webhook_inbox
            WHERE store_id = $1 AND (webhook_id LIKE 'bad-%' OR webhook_id LIKE 'big-%' OR webhook_id LIKE 'nul-%') ORDER BY id`,
          [f.storeId],
        ),
      (rows) => rows.length === 3 && rows.every((r) => r.outcome !== null),
      'the three deliveries to be processed',
    );
    expect(outcomes).toEqual([
      { outcome: 'invalid: created_at is not a date', big: false },
      { outcome: 'order-new', big: true },
      { outcome: 'order-new', big: false },
    ]);
    // The id beyond 2^53 is kept to the digit.
    const row = await decided(env, f, 'gid://shopify/Order/9007199254740993123');
    expect(row.state).toBe('imported');
    const cleaned = await decided(env, f, 'gid://shopify/Order/9007199254740993200');
    expect(cleaned.state).toBe('imported');
    const shipTo = (await warehouseOrder(env, cleaned.warehouseOrders[0]?.warehouseOrderId ?? '')).shippingAddress;
    expect(shipTo).toMatchObject({ address1: '1 Main St', city: 'Lyon' });
  });
});
