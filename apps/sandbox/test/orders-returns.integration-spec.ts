import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getHmac } from '@shopify/shopify-api/test-helpers';
import { parse } from 'lossless-json';
import { API_SECRET, firstLocation, SandboxHarness, seedProduct } from './sandbox-test.harness';

interface Received {
  headers: IncomingMessage['headers'];
  body: string;
}

const ORDER_CREATE = `mutation($order: OrderCreateOrderInput!, $options: OrderCreateOptionsInput) {
  orderCreate(order: $order, options: $options) {
    order { id name displayFinancialStatus displayFulfillmentStatus note tags customAttributes { key value } customer { email firstName }
      taxLines { title rate } lineItems(first: 5) { nodes { sku quantity unfulfilledQuantity } }
      fulfillmentOrders(first: 5) { nodes { id status assignedLocation { location { id } } lineItems(first: 5) { nodes { id remainingQuantity sku } } } } }
    userErrors { field message code }
  }
}`;

describe('orders, fulfillments, returns and their webhooks', () => {
  let h: SandboxHarness;
  let shop: string;
  let token: string;
  let location: string;
  let variant: string;
  let item: string;
  let receiver: Server;
  let receiverUrl: string;
  const received: Received[] = [];
  let failuresLeft = 0;

  const available = async () => {
    const res = await h.gql(
      shop,
      token,
      `{ inventoryItem(id: "${item}") { inventoryLevel(locationId: "${location}") { quantities(names: ["available", "committed", "on_hand"]) { name quantity } } } }`,
    );
    return Object.fromEntries(
      res.body.data.inventoryItem.inventoryLevel.quantities.map((q: { name: string; quantity: number }) => [q.name, q.quantity]),
    );
  };
  const subscribe = async (topic: string) => {
    const res = await h.gql(
      shop,
      token,
      `mutation($topic: WebhookSubscriptionTopic!, $uri: String!) { webhookSubscriptionCreate(topic: $topic, webhookSubscription: { uri: $uri, format: JSON }) { webhookSubscription { id topic uri } userErrors { message } } }`,
      { topic, uri: receiverUrl },
    );
    expect(res.body.data.webhookSubscriptionCreate.userErrors).toEqual([]);
    return res.body.data.webhookSubscriptionCreate.webhookSubscription;
  };
  const topics = () => received.map((r) => r.headers['x-shopify-topic']);

  beforeAll(async () => {
    receiver = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString('utf8')));
      req.on('end', () => {
        received.push({ headers: req.headers, body });
        if (failuresLeft > 0) {
          failuresLeft -= 1;
          res.writeHead(500).end();
          return;
        }
        res.writeHead(200).end('ok');
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/webhooks/shopify`;
    h = await SandboxHarness.start();
    ({ shop, staffAccessToken: token } = await h.createShop('orders-shop'));
    location = await firstLocation(h, shop, token);
    const product = await seedProduct(h, shop, token, location, [{ sku: 'ORD-1', qty: 5 }]);
    variant = product.variants.nodes[0]?.id;
    item = product.variants.nodes[0]?.inventoryItem.id;
    for (const topic of [
      'ORDERS_CREATE',
      'ORDERS_PAID',
      'ORDERS_CANCELLED',
      'ORDERS_FULFILLED',
      'FULFILLMENTS_CREATE',
      'INVENTORY_LEVELS_UPDATE',
      'RETURNS_REQUEST',
      'RETURNS_APPROVE',
      'RETURNS_CLOSE',
    ]) {
      await subscribe(topic);
    }
  });
  afterAll(async () => {
    await h.stop();
    await new Promise((resolve) => receiver.close(resolve));
  });
  beforeEach(() => {
    received.length = 0;
  });

  it('refuses an order that cannot claim stock under DECREMENT_OBEYING_POLICY', async () => {
    const res = await h.gql(shop, token, ORDER_CREATE, {
      order: { lineItems: [{ variantId: variant, quantity: 6 }] },
      options: { inventoryBehaviour: 'DECREMENT_OBEYING_POLICY' },
    });
    expect(res.body.data.orderCreate.order).toBeNull();
    expect(res.body.data.orderCreate.userErrors[0]).toMatchObject({
      code: 'INVENTORY_CLAIM_FAILED',
      field: ['order', 'lineItems', '0', 'quantity'],
    });
    expect(await available()).toEqual({ available: 5, committed: 0, on_hand: 5 });
  });

  it('creates an order that commits stock at the stocking location and fires signed webhooks', async () => {
    const res = await h.gql(shop, token, ORDER_CREATE, {
      order: {
        lineItems: [{ variantId: variant, quantity: 2 }],
        financialStatus: 'PAID',
        note: 'leave at door',
        tags: ['wholesale'],
        customAttributes: [{ key: 'po', value: '42' }],
        customer: { toUpsert: { email: 'ann@example.com', firstName: 'Ann' } },
        taxLines: [{ title: 'VAT', rate: '0.2' }],
      },
      options: { inventoryBehaviour: 'DECREMENT_OBEYING_POLICY' },
    });
    const order = res.body.data.orderCreate.order;
    expect(res.body.data.orderCreate.userErrors).toEqual([]);
    expect(order).toMatchObject({
      name: '#1001',
      displayFinancialStatus: 'PAID',
      displayFulfillmentStatus: 'UNFULFILLED',
      note: 'leave at door',
      tags: ['wholesale'],
      customAttributes: [{ key: 'po', value: '42' }],
      customer: { email: 'ann@example.com', firstName: 'Ann' },
      taxLines: [{ title: 'VAT', rate: 0.2 }],
      lineItems: { nodes: [{ sku: 'ORD-1', quantity: 2, unfulfilledQuantity: 2 }] },
    });
    expect(order.fulfillmentOrders.nodes[0]).toMatchObject({ status: 'OPEN', assignedLocation: { location: { id: location } } });
    expect(await available()).toEqual({ available: 3, committed: 2, on_hand: 5 });

    await h.server.webhooks.idle();
    expect(topics()).toEqual(expect.arrayContaining(['orders/create', 'orders/paid', 'inventory_levels/update']));
    const created = received.find((r) => r.headers['x-shopify-topic'] === 'orders/create') as Received;
    expect(created.headers['x-shopify-hmac-sha256']).toBe(getHmac(created.body, API_SECRET));
    expect(created.headers).toMatchObject({ 'x-shopify-shop-domain': shop, 'x-shopify-api-version': '2026-07' });
    expect(created.headers['x-shopify-webhook-id']).toBeTruthy();
    expect(created.headers['x-shopify-event-id']).toBeTruthy();
    expect(created.headers['x-shopify-triggered-at']).toBeTruthy();
    // The numeric id is written exactly, above 2^53.
    const body = parse(created.body) as { id: { toString(): string }; financial_status: string; line_items: { sku: string }[] };
    expect(`gid://shopify/Order/${body.id.toString()}`).toBe(order.id);
    expect(body.financial_status).toBe('paid');
    expect(body.line_items[0]?.sku).toBe('ORD-1');
  });

  it('fulfils with tracking, closes the fulfillment order and ships committed stock; then a return restocks', async () => {
    const list = await h.gql(
      shop,
      token,
      '{ orders(first: 5, query: "fulfillment_status:unfulfilled financial_status:paid") { nodes { id fulfillmentOrders(first: 1) { nodes { id lineItems(first: 1) { nodes { id } } } } } } }',
    );
    const order = list.body.data.orders.nodes[0];
    const fo = order.fulfillmentOrders.nodes[0];
    const res = await h.gql(
      shop,
      token,
      `mutation($f: FulfillmentInput!) { fulfillmentCreate(fulfillment: $f) { fulfillment { id status trackingInfo { company number url } fulfillmentLineItems(first: 5) { nodes { id quantity } } } userErrors { field message } } }`,
      {
        f: {
          lineItemsByFulfillmentOrder: [
            { fulfillmentOrderId: fo.id, fulfillmentOrderLineItems: [{ id: fo.lineItems.nodes[0].id, quantity: 2 }] },
          ],
          notifyCustomer: true,
          trackingInfo: { company: 'UPS', number: '1Z999', url: 'https://ups.example/1Z999' },
        },
      },
    );
    expect(res.body.data.fulfillmentCreate.userErrors).toEqual([]);
    const fulfillment = res.body.data.fulfillmentCreate.fulfillment;
    expect(fulfillment).toMatchObject({
      status: 'SUCCESS',
      trackingInfo: [{ company: 'UPS', number: '1Z999', url: 'https://ups.example/1Z999' }],
    });
    expect(await available()).toEqual({ available: 3, committed: 0, on_hand: 3 });
    const after = await h.gql(
      shop,
      token,
      `{ order(id: "${order.id}") { displayFulfillmentStatus fulfillmentOrders(first: 1) { nodes { status } } } }`,
    );
    expect(after.body.data.order).toEqual({ displayFulfillmentStatus: 'FULFILLED', fulfillmentOrders: { nodes: [{ status: 'CLOSED' }] } });

    const flId = fulfillment.fulfillmentLineItems.nodes[0].id;
    const requested = await h.gql(
      shop,
      token,
      `mutation($input: ReturnRequestInput!) { returnRequest(input: $input) { return { id status } userErrors { message } } }`,
      { input: { orderId: order.id, returnLineItems: [{ fulfillmentLineItemId: flId, quantity: 1, returnReason: 'SIZE_TOO_SMALL' }] } },
    );
    const ret = requested.body.data.returnRequest.return;
    expect(ret.status).toBe('REQUESTED');
    const approved = await h.gql(
      shop,
      token,
      `mutation($id: ID!) { returnApproveRequest(input: { id: $id }) { return { status reverseFulfillmentOrders(first: 1) { nodes { id lineItems(first: 1) { nodes { id totalQuantity } } } } } userErrors { message } } }`,
      { id: ret.id },
    );
    const rfoLine = approved.body.data.returnApproveRequest.return.reverseFulfillmentOrders.nodes[0].lineItems.nodes[0];
    expect(approved.body.data.returnApproveRequest.return.status).toBe('OPEN');
    const disposed = await h.gql(
      shop,
      token,
      `mutation($d: [ReverseFulfillmentOrderDisposeInput!]!) { reverseFulfillmentOrderDispose(dispositionInputs: $d) { reverseFulfillmentOrderLineItems { id } userErrors { message } } }`,
      { d: [{ reverseFulfillmentOrderLineItemId: rfoLine.id, quantity: 1, dispositionType: 'RESTOCKED', locationId: location }] },
    );
    expect(disposed.body.data.reverseFulfillmentOrderDispose.userErrors).toEqual([]);
    expect((await available()).available).toBe(4);
    const closed = await h.gql(shop, token, `mutation($id: ID!) { returnClose(id: $id) { return { status } userErrors { message } } }`, {
      id: ret.id,
    });
    expect(closed.body.data.returnClose.return.status).toBe('CLOSED');
    const viaOrder = await h.gql(
      shop,
      token,
      `{ order(id: "${order.id}") { returns(first: 5) { nodes { status returnLineItems(first: 5) { nodes { ... on ReturnLineItem { quantity } } } } } } }`,
    );
    expect(viaOrder.body.data.order.returns.nodes).toEqual([{ status: 'CLOSED', returnLineItems: { nodes: [{ quantity: 1 }] } }]);
    await h.server.webhooks.idle();
    expect(topics()).toEqual(
      expect.arrayContaining(['fulfillments/create', 'orders/fulfilled', 'returns/request', 'returns/approve', 'returns/close']),
    );
  });

  it('cancels an order with restock, releasing its committed stock', async () => {
    const created = await h.gql(shop, token, ORDER_CREATE, {
      order: { lineItems: [{ variantId: variant, quantity: 1 }] },
      options: { inventoryBehaviour: 'DECREMENT_IGNORING_POLICY' },
    });
    const id = created.body.data.orderCreate.order.id;
    expect((await available()).committed).toBe(1);
    const res = await h.gql(
      shop,
      token,
      `mutation($id: ID!) { orderCancel(orderId: $id, reason: CUSTOMER, restock: true, notifyCustomer: false) { job { done } orderCancelUserErrors { message } } }`,
      { id },
    );
    expect(res.body.data.orderCancel).toEqual({ job: { done: true }, orderCancelUserErrors: [] });
    expect(await available()).toEqual({ available: 4, committed: 0, on_hand: 4 });
    const again = await h.gql(
      shop,
      token,
      `mutation($id: ID!) { orderCancel(orderId: $id, reason: CUSTOMER, restock: true) { orderCancelUserErrors { code } } }`,
      { id },
    );
    expect(again.body.data.orderCancel.orderCancelUserErrors[0].code).toBe('INVALID');
    await h.server.webhooks.idle();
    expect(topics()).toContain('orders/cancelled');
  });

  it('creates an already fulfilled order when fulfillmentStatus is FULFILLED (historical import)', async () => {
    const created = await h.gql(shop, token, ORDER_CREATE, {
      order: { lineItems: [{ variantId: variant, quantity: 1 }], fulfillmentStatus: 'FULFILLED', financialStatus: 'PAID' },
      options: { inventoryBehaviour: 'DECREMENT_IGNORING_POLICY' },
    });
    const order = created.body.data.orderCreate.order;
    expect(created.body.data.orderCreate.userErrors).toEqual([]);
    expect(order.displayFulfillmentStatus).toBe('FULFILLED');
    expect(order.fulfillmentOrders.nodes.map((fo: { status: string }) => fo.status)).toEqual(['CLOSED']);
    expect(order.lineItems.nodes[0].unfulfilledQuantity).toBe(0);
    await h.server.webhooks.idle();
    expect(topics()).toEqual(expect.arrayContaining(['orders/create', 'orders/paid', 'orders/fulfilled']));
  });

  it('retries a failing delivery with backoff and keeps the webhook id', async () => {
    failuresLeft = 3;
    await h.gql(shop, token, ORDER_CREATE, {
      order: { lineItems: [{ title: 'Gift wrap', quantity: 1, priceSet: { shopMoney: { amount: '2.00', currencyCode: 'USD' } } }] },
    });
    await h.server.webhooks.idle();
    const creates = received.filter((r) => r.headers['x-shopify-topic'] === 'orders/create');
    expect(creates).toHaveLength(4);
    expect(new Set(creates.map((r) => r.headers['x-shopify-webhook-id'])).size).toBe(1);
    const deliveries = await h.get(`/__sandbox/shops/${shop}/webhook-deliveries`);
    const last = deliveries.deliveries.filter((d: { topic: string }) => d.topic === 'orders/create').pop();
    expect(last).toMatchObject({ state: 'delivered', attempts: [{ status: 500 }, { status: 500 }, { status: 500 }, { status: 200 }] });
  });

  it('drops and duplicates deliveries when told to', async () => {
    await h.post('/__sandbox/faults', { shop, duplicateWebhooks: 1 });
    await h.gql(shop, token, ORDER_CREATE, { order: { lineItems: [{ title: 'Dup', quantity: 1 }] } });
    await h.server.webhooks.idle();
    const dup = received.filter((r) => r.headers['x-shopify-topic'] === 'orders/create');
    expect(dup).toHaveLength(2);
    expect(dup[0]?.headers['x-shopify-webhook-id']).toBe(dup[1]?.headers['x-shopify-webhook-id']);
    received.length = 0;
    await h.post('/__sandbox/faults', { shop, duplicateWebhooks: 0, dropWebhooks: 1 });
    await h.gql(shop, token, ORDER_CREATE, { order: { lineItems: [{ title: 'Drop', quantity: 1 }] } });
    await h.server.webhooks.idle();
    expect(received).toHaveLength(0);
    await h.post('/__sandbox/faults', { shop, dropWebhooks: 0 });
  });
});
