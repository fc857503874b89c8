import { Role } from '@gantry/core';
import { until } from '@gantry/testing';
import { callsByOperation, importedOrder, settledPush, ship, shopifySide } from './fulfillments-out.fixture';
import { decided, setupOrders, shopifyOrder } from './orders-in.fixture';
import { ShopifyHoldingProxy } from './shopify-holding.proxy';
import { gql, sandboxPost, startShopifyEnv, type ShopifyTestEnv } from './shopify-test.env';

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
});
