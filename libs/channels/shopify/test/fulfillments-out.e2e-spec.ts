import { Role } from '@gantry/core';
import { makeOrder, until } from '@gantry/testing';
import { callsByOperation, importedOrder, settledPush, ship, shopifySide } from './fulfillments-out.fixture';
import { decided, setupOrders, shopifyOrder, type OrdersFixture } from './orders-in.fixture';
import { ShopifyHoldingProxy } from './shopify-holding.proxy';
import { SHOPIFY_REQUIRED_SCOPES } from '@gantry/shopify';
import { connectShop, gql, sandboxPost, startShopifyEnv, type ShopifyTestEnv } from './shopify-test.env';

jest.setTimeout(120_000);

const CREATE = /fulfillmentCreate\(/;

/**
 * Shipments WMS → Shopify fulfillments over real HTTP: the WMS ships imported orders, the worker pushes them through
 * the core's fulfillment engine to the sandbox (through a proxy that can lose an answer on purpose).
 */
describe('fulfillments out: WMS shipments → Shopify', () => {
  let env: ShopifyTestEnv;
  let proxy: ShopifyHoldingProxy | undefined;
  let shops = 0;
  const nextShop = (): string => `ship-${++shops}.myshopify.com`;

  beforeAll(async () => {
    env = await startShopifyEnv({
      worker: true,
      shopifyUrl: async (sandboxUrl) => {
        proxy = await ShopifyHoldingProxy.start(sandboxUrl);
        return proxy.url;
      },
    });
  });
  afterEach(() => proxy?.disarm());
  afterAll(async () => {
    await env?.close();
    await proxy?.close();
  });

  it('pushes a full shipment as one fulfillment with tracking, in one Admin API call', async () => {
    const f = await setupOrders(env, nextShop());
    const [a, b] = f.products;
    const order = await importedOrder(env, f, [
      { variant: 0, quantity: 2 },
      { variant: 1, quantity: 1 },
    ]);
    const before = await callsByOperation(env, f.shop);
    const shipment = await ship(env, order.warehouseOrders[0]?.warehouseOrderId ?? '', {
      carrier: 'dhl_express',
      trackingNumber: 'JJD0001',
      lines: [
        { sku: a?.sku, quantity: 2 },
        { sku: b?.sku, quantity: 1 },
      ],
    });
    const push = await settledPush(env, f, shipment.id);
    expect(push).toMatchObject({ state: 'pushed', reason: null, outcomeUnknown: false });
    expect(push.fulfillments).toHaveLength(1);
    const side = await shopifySide(env, f, order.id);
    expect(side.status).toBe('FULFILLED');
    expect(side.fulfillments).toHaveLength(1);
    expect(side.fulfillments[0]?.id).toBe(push.fulfillments[0]?.externalId);
    // Shopify's spelling of the carrier, so Shopify builds the link.
    expect(side.fulfillments[0]?.trackingInfo).toEqual([expect.objectContaining({ company: 'DHL Express', number: 'JJD0001' })]);
    expect(side.fulfillments[0]?.lines).toEqual(
      new Map([
        [a?.sku, 2],
        [b?.sku, 1],
      ]),
    );
    expect(side.fulfillmentOrders.every((fo) => fo.status === 'CLOSED' && fo.remaining === 0)).toBe(true);
    // The import kept the fulfillment order's line ids: the shipment cost exactly its create.
    const after = await callsByOperation(env, f.shop);
    const delta = [...after.entries()].map(([op, n]) => [op, n - (before.get(op) ?? 0)]).filter(([, n]) => n !== 0);
    expect(delta).toEqual([['FulfillmentCreate', 1]]);
    const runs = await env.t.http().get(`/api/v1/sync-runs?storeId=${f.storeId}&kind=fulfillment-push`).expect(200);
    expect((runs.body as { counts: Record<string, number> }[]).some((r) => r.counts.pushed === 1)).toBe(true);
  });

  it('splits an order over several shipments and parcels, never over what is open', async () => {
    const f = await setupOrders(env, nextShop());
    const [a, b] = f.products;
    const order = await importedOrder(env, f, [
      { variant: 0, quantity: 3 },
      { variant: 1, quantity: 2 },
    ]);
    const wmsOrder = order.warehouseOrders[0]?.warehouseOrderId ?? '';
    const first = await ship(env, wmsOrder, { carrier: 'UPS', trackingNumber: '1Z001', lines: [{ sku: a?.sku, quantity: 1 }] });
    await settledPush(env, f, first.id, (r) => r.state === 'pushed');
    expect((await shopifySide(env, f, order.id)).status).toBe('PARTIALLY_FULFILLED');
    const second = await ship(env, wmsOrder, {
      carrier: 'ups',
      parcels: [{ trackingNumber: '1Z002' }, { trackingNumber: '1Z003' }],
      lines: [
        { sku: a?.sku, quantity: 2 },
        { sku: b?.sku, quantity: 2 },
      ],
    });
    await settledPush(env, f, second.id, (r) => r.state === 'pushed');
    const side = await shopifySide(env, f, order.id);
    expect(side.status).toBe('FULFILLED');
    expect(side.fulfillments.map((x) => x.trackingInfo.map((t) => t.number))).toEqual([['1Z001'], ['1Z002', '1Z003']]);
    expect(side.fulfillments.map((x) => x.trackingInfo[0]?.company)).toEqual(['UPS', 'UPS']);
    expect(side.fulfillments[1]?.lines).toEqual(
      new Map([
        [a?.sku, 2],
        [b?.sku, 2],
      ]),
    );
    // Nothing is left to ship: the WMS refuses a third shipment (nothing can ever exceed Shopify's open quantity).
    const third = await env.t
      .http()
      .post(`/api/v1/orders/${wmsOrder}/shipments`)
      .send({ carrier: 'UPS', trackingNumber: '1Z004', lines: [{ sku: a?.sku, quantity: 1 }] });
    expect(third.status).toBe(409);
  });

  it('refuses bad shipments with field errors, and sends an unknown carrier with its tracking page', async () => {
    const f = await setupOrders(env, nextShop());
    const [a] = f.products;
    const order = await importedOrder(env, f, [{ variant: 0, quantity: 2 }]);
    const wmsOrder = order.warehouseOrders[0]?.warehouseOrderId ?? '';
    const post = (body: Record<string, unknown>) => env.t.http().post(`/api/v1/orders/${wmsOrder}/shipments`).send(body);
    const unknown = await post({ carrier: 'Kurier Müller', trackingNumber: 'KM1', lines: [{ sku: a?.sku, quantity: 1 }] });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors).toEqual([expect.objectContaining({ field: 'carrier', message: expect.stringContaining('trackingUrl') })]);
    const both = await post({
      carrier: 'UPS',
      trackingNumber: 'X',
      parcels: [{ trackingNumber: 'Y' }],
      lines: [{ sku: a?.sku, quantity: 1 }],
    });
    expect(both.status).toBe(400);
    expect(both.body.errors).toEqual([expect.objectContaining({ field: 'parcels' })]);
    const foreign = await post({ carrier: 'UPS', trackingNumber: 'Z', lines: [{ sku: 'NOT-IN-ORDER', quantity: 1 }] });
    expect(foreign.status).toBe(400);
    expect(foreign.body.errors).toEqual([expect.objectContaining({ field: 'lines[0].sku' })]);
    const tooMany = await post({ carrier: 'UPS', trackingNumber: 'Z', lines: [{ sku: a?.sku, quantity: 3 }] });
    expect(tooMany.status).toBe(409);
    const shipment = await ship(env, wmsOrder, {
      carrier: 'Kurier Müller',
      trackingNumber: 'KM1',
      trackingUrl: 'https://track.example.com/KM1',
      lines: [{ sku: a?.sku, quantity: 2 }],
    });
    await settledPush(env, f, shipment.id, (r) => r.state === 'pushed');
    const side = await shopifySide(env, f, order.id);
    expect(side.fulfillments[0]?.trackingInfo).toEqual([{ company: 'Kurier Müller', number: 'KM1', url: 'https://track.example.com/KM1' }]);
  });

  it('updates the fulfillment when a tracking number changes or a parcel is added', async () => {
    const f = await setupOrders(env, nextShop());
    const [a] = f.products;
    const order = await importedOrder(env, f, [{ variant: 0, quantity: 1 }]);
    const shipment = await ship(env, order.warehouseOrders[0]?.warehouseOrderId ?? '', {
      carrier: 'fedex',
      trackingNumber: 'WRONG-1',
      lines: [{ sku: a?.sku, quantity: 1 }],
    });
    const first = await settledPush(env, f, shipment.id, (r) => r.state === 'pushed');
    await env.t
      .http(Role.OPERATOR)
      .put(`/api/v1/shipments/${shipment.id}/tracking`)
      .send({ carrier: 'FedEx', parcels: [{ trackingNumber: 'FX-100' }, { trackingNumber: 'FX-101' }] })
      .expect(200);
    const updated = await settledPush(env, f, shipment.id, (r) => r.state === 'pushed' && r.tracking.numbers.includes('FX-101'));
    expect(updated.fulfillments).toEqual(first.fulfillments);
    const side = await shopifySide(env, f, order.id);
    expect(side.fulfillments).toHaveLength(1);
    expect(side.fulfillments[0]?.trackingInfo.map((t) => [t.company, t.number])).toEqual([
      ['FedEx', 'FX-100'],
      ['FedEx', 'FX-101'],
    ]);
    await env.t
      .http(Role.OPERATOR)
      .put(`/api/v1/shipments/00000000-0000-4000-8000-000000000000/tracking`)
      .send({ carrier: 'UPS', trackingNumber: 'A' })
      .expect(404);
  });

  it('never creates a second fulfillment when the answer to a create is lost', async () => {
    const f = await setupOrders(env, nextShop());
    const [a] = f.products;
    const order = await importedOrder(env, f, [{ variant: 0, quantity: 2 }]);
    const lost = proxy?.next(CREATE, 'drop');
    const creates = proxy?.count(CREATE) ?? 0;
    const shipment = await ship(env, order.warehouseOrders[0]?.warehouseOrderId ?? '', {
      carrier: 'UPS',
      trackingNumber: '1ZLOST',
      lines: [{ sku: a?.sku, quantity: 2 }],
    });
    const held = await lost;
    // Shopify applied it; the worker saw a reset connection.
    expect(JSON.stringify(held?.answer)).toContain('gid://shopify/Fulfillment/');
    const push = await settledPush(env, f, shipment.id, (r) => r.state === 'pushed');
    expect(push.reason).toContain('answer was lost');
    expect(proxy?.count(CREATE)).toBe(creates + 1);
    const side = await shopifySide(env, f, order.id);
    expect(side.fulfillments).toHaveLength(1);
    expect(push.fulfillments[0]?.externalId).toBe(side.fulfillments[0]?.id);
  });

  it('does not force a fulfillment the merchant already made on Shopify', async () => {
    const f = await setupOrders(env, nextShop());
    const [a] = f.products;
    const order = await importedOrder(env, f, [{ variant: 0, quantity: 2 }]);
    const fos = await shopifySide(env, f, order.id);
    const made = await gql(
      env,
      f.shop,
      f.token,
      `mutation($f: FulfillmentInput!) { fulfillmentCreate(fulfillment: $f) { fulfillment { id } userErrors { message } } }`,
      { f: { lineItemsByFulfillmentOrder: [{ fulfillmentOrderId: fos.fulfillmentOrders[0]?.id }] } },
    );
    expect(made.data.fulfillmentCreate.userErrors).toEqual([]);
    const shipment = await ship(env, order.warehouseOrders[0]?.warehouseOrderId ?? '', {
      carrier: 'UPS',
      trackingNumber: '1ZLATE',
      lines: [{ sku: a?.sku, quantity: 2 }],
    });
    const push = await settledPush(env, f, shipment.id);
    expect(push).toMatchObject({ state: 'skipped', reason: expect.stringContaining('nothing of the shipment is open') });
    expect((await shopifySide(env, f, order.id)).fulfillments).toHaveLength(1);
  });

  it('ships an order split across two warehouses as one fulfillment per location', async () => {
    const f = await setupOrders(env, nextShop(), { locations: 2, stockAt: (i) => i % 2 });
    const [a, b] = f.products;
    const order = await shopifyOrder(env, f, [
      { variant: 0, quantity: 1 },
      { variant: 1, quantity: 2 },
    ]);
    const row = await decided(env, f, order.id);
    expect(row.warehouseOrders).toHaveLength(2);
    const byWarehouse = new Map(row.warehouseOrders.map((w) => [w.warehouseId, w.warehouseOrderId]));
    const s1 = await ship(env, byWarehouse.get(f.warehouses[0]?.id ?? '') ?? '', {
      carrier: 'GLS',
      trackingNumber: 'GLS-1',
      lines: [{ sku: a?.sku, quantity: 1 }],
    });
    await settledPush(env, f, s1.id, (r) => r.state === 'pushed');
    expect((await shopifySide(env, f, order.id)).status).toBe('PARTIALLY_FULFILLED');
    const s2 = await ship(env, byWarehouse.get(f.warehouses[1]?.id ?? '') ?? '', {
      carrier: 'GLS',
      trackingNumber: 'GLS-2',
      lines: [{ sku: b?.sku, quantity: 2 }],
    });
    await settledPush(env, f, s2.id, (r) => r.state === 'pushed');
    const side = await shopifySide(env, f, order.id);
    expect(side.status).toBe('FULFILLED');
    expect(side.fulfillments.map((x) => [x.trackingInfo[0]?.number, [...x.lines.entries()]])).toEqual([
      ['GLS-1', [[a?.sku, 1]]],
      ['GLS-2', [[b?.sku, 2]]],
    ]);
  });

  it('keeps a shipment through a Shopify outage (5xx, resets) and pushes it once when Shopify is back', async () => {
    const f = await setupOrders(env, nextShop());
    const [a] = f.products;
    const order = await importedOrder(env, f, [{ variant: 0, quantity: 1 }]);
    // Shopify answers every call with 5xx for a while: the push retries under the policy and is never lost.
    await sandboxPost(env, '/__sandbox/faults', { shop: f.shop, errorRate: 1 });
    const shipment = await ship(env, order.warehouseOrders[0]?.warehouseOrderId ?? '', {
      carrier: 'UPS',
      trackingNumber: '1ZDOWN',
      lines: [{ sku: a?.sku, quantity: 1 }],
    });
    const waiting = await until(
      async () => (await env.t.http().get(`/api/v1/stores/${f.storeId}/fulfillment-pushes?shipmentId=${shipment.id}`).expect(200)).body[0],
      (row: { attempts: number; lastError: string | null } | undefined) => row !== undefined && row.attempts >= 1 && row.lastError !== null,
      'a failed attempt',
      30_000,
    );
    expect(waiting).toMatchObject({ state: 'pending' });
    await sandboxPost(env, '/__sandbox/faults', { shop: f.shop, errorRate: 0 });
    await settledPush(env, f, shipment.id, (r) => r.state === 'pushed', 90_000);
    expect((await shopifySide(env, f, order.id)).fulfillments).toHaveLength(1);
  });

  const staff = async (
    f: OrdersFixture,
    query: string,
    variables: Record<string, unknown>,
  ): Promise<Record<string, { userErrors: unknown[] }>> => {
    const res = await gql(env, f.shop, f.token, query, variables);
    expect(res.errors).toBeUndefined();
    const payload = Object.values(res.data as Record<string, { userErrors: unknown[] }>)[0];
    expect(payload?.userErrors).toEqual([]);
    return res.data as Record<string, { userErrors: unknown[] }>;
  };

  it('holds a shipment whose fulfillment order is on hold on Shopify, and pushes it once the hold is released', async () => {
    const f = await setupOrders(env, nextShop());
    const [a] = f.products;
    const order = await importedOrder(env, f, [{ variant: 0, quantity: 1 }]);
    const fo = (await shopifySide(env, f, order.id)).fulfillmentOrders[0]?.id;
    await staff(
      f,
      `mutation($id: ID!) { fulfillmentOrderHold(id: $id, fulfillmentHold: { reason: AWAITING_PAYMENT, reasonNotes: "bank transfer pending" }) { userErrors { message } } }`,
      { id: fo },
    );
    const shipment = await ship(env, order.warehouseOrders[0]?.warehouseOrderId ?? '', {
      carrier: 'UPS',
      trackingNumber: '1ZHOLD',
      lines: [{ sku: a?.sku, quantity: 1 }],
    });
    const held = await settledPush(env, f, shipment.id, (r) => r.state === 'held');
    expect(held.reason).toMatch(/on hold on the channel \(awaiting payment: bank transfer pending\)/);
    expect((await shopifySide(env, f, order.id)).fulfillments).toHaveLength(0);
    // fulfillment_orders/hold_released makes the push due at once (no waiting for its backoff).
    await staff(f, `mutation($id: ID!) { fulfillmentOrderReleaseHold(id: $id) { userErrors { message } } }`, { id: fo });
    const pushed = await settledPush(env, f, shipment.id, (r) => r.state === 'pushed', 20_000);
    expect(pushed.fulfillments).toHaveLength(1);
    expect((await shopifySide(env, f, order.id)).status).toBe('FULFILLED');
  });

  it('does not force a shipment onto a fulfillment order the merchant moved to a location another warehouse serves', async () => {
    const f = await setupOrders(env, nextShop(), { locations: 2 });
    const [a] = f.products;
    const order = await importedOrder(env, f, [{ variant: 0, quantity: 1 }]);
    const item = await gql(env, f.shop, f.token, `query($id: ID!) { productVariant(id: $id) { inventoryItem { id } } }`, {
      id: f.variants[0],
    });
    await staff(
      f,
      `mutation($item: ID!, $loc: ID!) { inventoryActivate(inventoryItemId: $item, locationId: $loc, available: 10) @idempotent(key: "activate-moved") { userErrors { message } } }`,
      { item: item.data.productVariant.inventoryItem.id, loc: f.locations[1] },
    );
    const fo = (await shopifySide(env, f, order.id)).fulfillmentOrders[0]?.id;
    await staff(f, `mutation($id: ID!, $loc: ID!) { fulfillmentOrderMove(id: $id, newLocationId: $loc) { userErrors { message } } }`, {
      id: fo,
      loc: f.locations[1],
    });
    // Its notice has arrived (a shipment pushed before it would still go out by the allocation as last read).
    await until(
      async () =>
        (
          await env.t.dataSource.query<{ n: number }[]>(
            `SELECT count(*)::int AS n FROM shopify_webhook_inbox WHERE store_id = $1 AND topic = 'fulfillment_orders/moved' AND processed_at IS NOT NULL`,
            [f.storeId],
          )
        )[0]?.n,
      (n) => n === 1,
      'the moved notice',
    );
    const shipment = await ship(env, order.warehouseOrders[0]?.warehouseOrderId ?? '', {
      carrier: 'UPS',
      trackingNumber: '1ZMOVED',
      lines: [{ sku: a?.sku, quantity: 1 }],
    });
    const held = await settledPush(env, f, shipment.id, (r) => r.state === 'held');
    expect(held.reason).toContain(`was moved to location ${f.locations[1]}`);
    expect((await shopifySide(env, f, order.id)).fulfillments).toHaveLength(0);
    // Moved back: fulfillment_orders/moved brings the push back, and it goes.
    await staff(f, `mutation($id: ID!, $loc: ID!) { fulfillmentOrderMove(id: $id, newLocationId: $loc) { userErrors { message } } }`, {
      id: fo,
      loc: f.locations[0],
    });
    await settledPush(env, f, shipment.id, (r) => r.state === 'pushed', 20_000);
    expect((await shopifySide(env, f, order.id)).status).toBe('FULFILLED');
  });

  it("leaves a third-party fulfillment service's fulfillment orders alone", async () => {
    const f = await setupOrders(env, nextShop());
    const [a, b] = f.products;
    const service = await sandboxPost(env, `/__sandbox/shops/${f.shop}/fulfillment-services`, { name: 'Acme 3PL' });
    // Product 1 is stocked only at the service's location: Shopify routes its line there.
    const item = await gql(env, f.shop, f.token, `query($id: ID!) { productVariant(id: $id) { inventoryItem { id } } }`, {
      id: f.variants[1],
    });
    await staff(
      f,
      `mutation($item: ID!, $loc: ID!) { inventoryActivate(inventoryItemId: $item, locationId: $loc, available: 1000) @idempotent(key: "activate-3pl") { userErrors { message } } }`,
      { item: item.data.productVariant.inventoryItem.id, loc: service.location.id },
    );
    const order = await importedOrder(env, f, [
      { variant: 0, quantity: 1 },
      { variant: 1, quantity: 1 },
    ]);
    const before = await shopifySide(env, f, order.id);
    const thirdParty = before.fulfillmentOrders.filter((fo) => fo.status === 'OPEN');
    expect(thirdParty.length).toBe(2);
    const shipment = await ship(env, order.warehouseOrders[0]?.warehouseOrderId ?? '', {
      carrier: 'UPS',
      trackingNumber: '1Z3PL',
      lines: [
        { sku: a?.sku, quantity: 1 },
        { sku: b?.sku, quantity: 1 },
      ],
    });
    const push = await settledPush(env, f, shipment.id, (r) => r.state === 'pushed');
    // The merchant's own unit is fulfilled; the service's is not ours to fulfil and stays open on Shopify.
    expect(push.reason).toContain('already fulfilled or closed on the channel');
    const after = await shopifySide(env, f, order.id);
    expect(after.status).toBe('PARTIALLY_FULFILLED');
    expect(after.fulfillments).toHaveLength(1);
    expect([...(after.fulfillments[0]?.lines.keys() ?? [])]).toEqual([a?.sku]);
    expect(after.fulfillmentOrders.filter((fo) => fo.status === 'OPEN')).toHaveLength(1);
  });

  it('keeps shipments waiting while the store lacks the fulfillment scopes, and pushes them after reconnecting', async () => {
    const f = await setupOrders(env, nextShop());
    const [a] = f.products;
    const order = await importedOrder(env, f, [{ variant: 0, quantity: 1 }]);
    // The merchant reinstalls granting less: the store is needs_reauth, shipments keep coming.
    const scopes = SHOPIFY_REQUIRED_SCOPES.filter((x) => !x.includes('fulfillment_orders')).join(',');
    await connectShop(env, f.shop, { scope: scopes });
    expect((await env.t.http().get(`/api/v1/stores/${f.storeId}`).expect(200)).body).toMatchObject({ status: 'needs_reauth' });
    const shipment = await ship(env, order.warehouseOrders[0]?.warehouseOrderId ?? '', {
      carrier: 'UPS',
      trackingNumber: '1ZSCOPE',
      lines: [{ sku: a?.sku, quantity: 1 }],
    });
    await new Promise((r) => setTimeout(r, 1500));
    const waiting = (await env.t.http().get(`/api/v1/stores/${f.storeId}/fulfillment-pushes?shipmentId=${shipment.id}`).expect(200))
      .body[0];
    expect(waiting).toMatchObject({ state: 'pending', fulfillments: [] });
    await connectShop(env, f.shop);
    await settledPush(env, f, shipment.id, (r) => r.state === 'pushed', 20_000);
    expect((await shopifySide(env, f, order.id)).fulfillments).toHaveLength(1);
  });

  it("follows the store's notifyCustomer setting, and leaves shipments of the warehouse's own orders alone", async () => {
    const f = await setupOrders(env, nextShop());
    const [a] = f.products;
    await env.t
      .http()
      .patch(`/api/v1/stores/${f.storeId}/settings`)
      .send({ fulfillment: { notifyCustomer: false } })
      .expect(200);
    const order = await importedOrder(env, f, [{ variant: 0, quantity: 1 }]);
    const shipment = await ship(env, order.warehouseOrders[0]?.warehouseOrderId ?? '', {
      carrier: 'UPS',
      trackingNumber: '1ZQUIET',
      lines: [{ sku: a?.sku, quantity: 1 }],
    });
    await settledPush(env, f, shipment.id, (r) => r.state === 'pushed');
    const sent = (proxy?.bodies(CREATE) ?? []).filter((b) => b.includes('1ZQUIET'));
    expect(sent).toHaveLength(1);
    expect(
      (JSON.parse(sent[0] ?? '{}') as { variables: { fulfillment: { notifyCustomer: boolean } } }).variables.fulfillment.notifyCustomer,
    ).toBe(false);
    // An order the warehouse took itself (no channel) ships without a push.
    const own = await makeOrder(env.t, f.warehouses[0]?.id ?? '', [{ sku: a?.sku ?? '', quantity: 1 }]);
    const ownShipment = await ship(env, own.id, { carrier: 'UPS', trackingNumber: '1ZOWN', lines: [{ sku: a?.sku, quantity: 1 }] });
    await until(
      async () =>
        (await env.t.dataSource.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM outbox_event WHERE handled_at IS NULL`))[0]?.n,
      (n) => n === 0,
      'the shipment event handled',
    );
    const pushes = await env.t.http().get(`/api/v1/stores/${f.storeId}/fulfillment-pushes?shipmentId=${ownShipment.id}`).expect(200);
    expect(pushes.body).toEqual([]);
    expect((proxy?.bodies(CREATE) ?? []).some((b) => b.includes('1ZOWN'))).toBe(false);
  });
});
