/* eslint-disable @typescript-eslint/no-explicit-any -- test over dynamic JSON bodies */
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { parse } from 'lossless-json';
import { API_KEY, installApp, SandboxHarness, seedProduct } from './sandbox-test.harness';

// Top-level keys of Shopify's published sample payloads (shared/shopify/webhook-samples), per topic.
const SAMPLE_KEYS = JSON.parse(readFileSync(join(__dirname, 'fixtures', 'webhook-sample-keys.json'), 'utf8')) as Record<string, string[]>;

const OWNER_KEY = 'hr-3pl-app-key';
const OWNER_SECRET = 'hr-3pl-app-secret';
const MERCHANT_SCOPES =
  'read_orders,write_orders,write_merchant_managed_fulfillment_orders,read_returns,write_returns,read_locations,read_inventory';
const THIRD_PARTY_SCOPES = `${MERCHANT_SCOPES},write_third_party_fulfillment_orders`;
const OWNER_SCOPES = 'read_orders,write_assigned_fulfillment_orders,read_locations';

const FO_FIELDS = `id status requestStatus updatedAt assignedLocation { location { id } } fulfillmentHolds { id reason reasonNotes }
  supportedActions { action } lineItems(first: 10) { nodes { id totalQuantity remainingQuantity lineItem { id } } } fulfillments(first: 5) { nodes { id } }`;
// The connector's reads: Order.fulfillmentOrders is a connection, Order.fulfillments a plain list (first/query only),
// Fulfillment.trackingInfo a list, Fulfillment.fulfillmentLineItems and Fulfillment.fulfillmentOrders connections.
const ORDER_READ = `query OrderRead($id: ID!) {
  order(id: $id) {
    id updatedAt displayFulfillmentStatus returnStatus
    lineItems(first: 10) { nodes { id fulfillableQuantity } }
    fulfillmentOrders(first: 10) { nodes { ${FO_FIELDS} } }
    fulfillments(first: 10) { id status createdAt trackingInfo(first: 5) { company number url }
      fulfillmentLineItems(first: 10) { nodes { id quantity lineItem { id } } } fulfillmentOrders(first: 5) { nodes { id } } }
    returns(first: 5, query: "status:open") { nodes { id status } }
  }
}`;
const RETURN_READ = `query ReturnRead($id: ID!) {
  return(id: $id) {
    id name status createdAt closedAt order { id }
    returnLineItems(first: 10) { nodes { ... on ReturnLineItem { id quantity returnReason returnReasonNote customerNote fulfillmentLineItem { id lineItem { id } } } } }
    reverseFulfillmentOrders(first: 5) { nodes { id status lineItems(first: 10) { nodes { id totalQuantity fulfillmentLineItem { id lineItem { id } }
      dispositions { id type quantity location { id } } } } } }
  }
}`;
const ORDER_CREATE = `mutation($order: OrderCreateOrderInput!) {
  orderCreate(order: $order, options: { inventoryBehaviour: DECREMENT_IGNORING_POLICY }) {
    order { id fulfillmentOrders(first: 10) { nodes { ${FO_FIELDS} } } }
    userErrors { field message }
  }
}`;
const FULFILL = `mutation($f: FulfillmentInput!) {
  fulfillmentCreate(fulfillment: $f) { fulfillment { id status fulfillmentLineItems(first: 10) { nodes { id quantity lineItem { id } } } } userErrors { field message } }
}`;
const HOLD = `mutation($id: ID!, $hold: FulfillmentOrderHoldInput!) {
  fulfillmentOrderHold(id: $id, fulfillmentHold: $hold) {
    fulfillmentHold { id handle reason reasonNotes displayReason heldByRequestingApp }
    fulfillmentOrder { ${FO_FIELDS} }
    remainingFulfillmentOrder { ${FO_FIELDS} }
    userErrors { field message code }
  }
}`;
const RELEASE = `mutation($id: ID!, $holdIds: [ID!]) {
  fulfillmentOrderReleaseHold(id: $id, holdIds: $holdIds) { fulfillmentOrder { ${FO_FIELDS} } userErrors { field message code } }
}`;
const MOVE = `mutation($id: ID!, $to: ID!, $lines: [FulfillmentOrderLineItemInput!]) {
  fulfillmentOrderMove(id: $id, newLocationId: $to, fulfillmentOrderLineItems: $lines) {
    movedFulfillmentOrder { ${FO_FIELDS} } originalFulfillmentOrder { ${FO_FIELDS} } remainingFulfillmentOrder { id }
    userErrors { field message code }
  }
}`;
const RETURN_FIELDS = 'id status closedAt reverseFulfillmentOrders(first: 5) { nodes { id status lineItems(first: 5) { nodes { id } } } }';
const RETURN_MUTATIONS = {
  request: `mutation($input: ReturnRequestInput!) { returnRequest(input: $input) { return { ${RETURN_FIELDS} } userErrors { field message code } } }`,
  approve: `mutation($id: ID!) { returnApproveRequest(input: { id: $id }) { return { ${RETURN_FIELDS} } userErrors { field message code } } }`,
  decline: `mutation($id: ID!) { returnDeclineRequest(input: { id: $id, declineReason: RETURN_PERIOD_ENDED, declineNote: "too late" }) { return { id status } userErrors { field message code } } }`,
  cancel: `mutation($id: ID!) { returnCancel(id: $id, notifyCustomer: false) { return { ${RETURN_FIELDS} } userErrors { field message code } } }`,
  close: `mutation($id: ID!) { returnClose(id: $id) { return { ${RETURN_FIELDS} } userErrors { field message code } } }`,
  reopen: `mutation($id: ID!) { returnReopen(id: $id) { return { ${RETURN_FIELDS} } userErrors { field message code } } }`,
};
const DISPOSE = `mutation($d: [ReverseFulfillmentOrderDisposeInput!]!) {
  reverseFulfillmentOrderDispose(dispositionInputs: $d) {
    reverseFulfillmentOrderLineItems { id totalQuantity dispositions { type quantity location { id } } }
    userErrors { field message code }
  }
}`;

type Hook = { topic: string; body: Record<string, any> };

describe('fulfillment holds and moves, fulfillment services, returns lifecycle (2026-07)', () => {
  let h: SandboxHarness;
  let receiver: Server;
  const hooks: Hook[] = [];
  const clock = { ms: Date.now() };
  let shop: string;
  let staff: string;
  let merchant: string;
  let thirdParty: string;
  let main: string;
  let second: string;
  let variantA: string;
  let variantB: string;
  let itemA: string;

  // Shopify timestamps have whole seconds: a minute between steps makes every updatedAt move visible.
  const tick = () => {
    clock.ms += 60_000;
    return new Date(clock.ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
  };
  const gql = async (token: string, query: string, variables?: Record<string, unknown>) => {
    const res = await h.gql(shop, token, query, variables);
    expect(res.body.errors).toBeUndefined();
    return res.body.data;
  };
  const received = async (topic: string): Promise<Record<string, any>[]> => {
    await h.server.webhooks.idle();
    return hooks.filter((x) => x.topic === topic).map((x) => x.body);
  };
  const keys = (body: object | undefined) => Object.keys(body ?? {}).sort();
  const numeric = (gid: string) => gid.split('/').pop()?.split('?')[0] ?? '';
  const createOrder = async (lines: { variantId: string; quantity: number }[]) => {
    const data = await gql(staff, ORDER_CREATE, { order: { lineItems: lines, email: 'hr@example.com' } });
    expect(data.orderCreate.userErrors).toEqual([]);
    return data.orderCreate.order;
  };
  const readOrder = async (token: string, id: string) => (await gql(token, ORDER_READ, { id })).order;
  const fulfil = async (token: string, foId: string, lines?: { id: string; quantity: number }[]) =>
    (
      await gql(token, FULFILL, {
        f: { lineItemsByFulfillmentOrder: [{ fulfillmentOrderId: foId, ...(lines ? { fulfillmentOrderLineItems: lines } : {}) }] },
      })
    ).fulfillmentCreate;
  const quantities = async (item: string, location: string) => {
    const data = await gql(
      staff,
      `{ inventoryItem(id: "${item}") { inventoryLevel(locationId: "${location}") { quantities(names: ["available", "committed", "on_hand"]) { name quantity } } } }`,
    );
    return Object.fromEntries(
      data.inventoryItem.inventoryLevel.quantities.map((q: { name: string; quantity: number }) => [q.name, q.quantity]),
    );
  };
  const activate = async (item: string, location: string, available: number) => {
    const data = await gql(
      staff,
      `mutation($i: ID!, $l: ID!, $a: Int) { inventoryActivate(inventoryItemId: $i, locationId: $l, available: $a) @idempotent(key: "${item}-${location}") { userErrors { message } } }`,
      { i: item, l: location, a: available },
    );
    expect(data.inventoryActivate.userErrors).toEqual([]);
  };
  const ret = async (name: keyof typeof RETURN_MUTATIONS, variables: Record<string, unknown>) => {
    const data = await gql(merchant, RETURN_MUTATIONS[name], variables);
    return Object.values(data)[0] as { return: any; userErrors: any[] };
  };
  /** An order of `quantity` units of A, fully fulfilled; returns the order id and its fulfillment line item. */
  const shippedOrder = async (quantity: number) => {
    const order = await createOrder([{ variantId: variantA, quantity }]);
    const shipped = await fulfil(merchant, order.fulfillmentOrders.nodes[0].id);
    expect(shipped.userErrors).toEqual([]);
    return { orderId: order.id as string, fli: shipped.fulfillment.fulfillmentLineItems.nodes[0].id as string };
  };
  const requestReturn = async (orderId: string, fli: string, quantity = 1) => {
    const res = await ret('request', {
      input: {
        orderId,
        returnLineItems: [{ fulfillmentLineItemId: fli, quantity, returnReason: 'SIZE_TOO_SMALL', customerNote: 'tight' }],
      },
    });
    expect(res.userErrors).toEqual([]);
    return res.return;
  };

  beforeAll(async () => {
    receiver = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString('utf8')));
      req.on('end', () => {
        // Ids above 2^53 stay exact as strings; counts and quantities become numbers.
        const number = (v: string) => (Number.isSafeInteger(Number(v)) ? Number(v) : v);
        hooks.push({ topic: String(req.headers['x-shopify-topic']), body: parse(body, null, number) as Record<string, any> });
        res.writeHead(200).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    const uri = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`;
    h = await SandboxHarness.start({ now: () => clock.ms });
    ({ shop, staffAccessToken: staff } = await h.createShop('holds-returns-shop', { locations: ['Main warehouse', 'Second warehouse'] }));
    await h.post('/__sandbox/faults', { shop, throttle: 'off' });
    await h.post('/__sandbox/shops', { shop, apiKey: OWNER_KEY, apiSecret: OWNER_SECRET });
    merchant = await installApp(h, shop, MERCHANT_SCOPES);
    thirdParty = await installApp(h, shop, THIRD_PARTY_SCOPES);
    const locations = (await gql(staff, '{ locations(first: 5, sortKey: ID) { nodes { id name } } }')).locations.nodes;
    [main, second] = locations.map((l: { id: string }) => l.id);
    const product = await seedProduct(h, shop, staff, main, [
      { sku: 'HR-A', qty: 50 },
      { sku: 'HR-B', qty: 50 },
    ]);
    [variantA, variantB] = product.variants.nodes.map((v) => v.id);
    itemA = product.variants.nodes[0]?.inventoryItem.id;
    for (const v of product.variants.nodes) {
      await activate(v.inventoryItem.id, second, 20);
    }
    for (const topic of [
      'FULFILLMENT_ORDERS_PLACED_ON_HOLD',
      'FULFILLMENT_ORDERS_HOLD_RELEASED',
      'FULFILLMENT_ORDERS_MOVED',
      'FULFILLMENT_HOLDS_ADDED',
      'FULFILLMENT_HOLDS_RELEASED',
      'RETURNS_REQUEST',
      'RETURNS_APPROVE',
      'RETURNS_DECLINE',
      'RETURNS_CANCEL',
      'RETURNS_CLOSE',
      'RETURNS_REOPEN',
      'REVERSE_FULFILLMENT_ORDERS_DISPOSE',
    ]) {
      const data = await gql(
        staff,
        `mutation($t: WebhookSubscriptionTopic!, $u: String!) { webhookSubscriptionCreate(topic: $t, webhookSubscription: { uri: $u, format: JSON }) { userErrors { message } } }`,
        { t: topic, u: uri },
      );
      expect(data.webhookSubscriptionCreate.userErrors).toEqual([]);
    }
  });
  afterAll(async () => {
    await h.stop();
    await new Promise((resolve) => receiver.close(resolve));
  });
  beforeEach(async () => {
    await h.server.webhooks.idle();
    hooks.length = 0;
    tick();
  });

  it("answers the connector's reads in the schema's shapes (connections vs lists), by id and through nodes", async () => {
    const order = await createOrder([
      { variantId: variantA, quantity: 3 },
      { variantId: variantB, quantity: 1 },
    ]);
    const fo = order.fulfillmentOrders.nodes[0];
    const [lineA, lineB] = fo.lineItems.nodes;
    const shipped = await gql(merchant, FULFILL, {
      f: {
        lineItemsByFulfillmentOrder: [{ fulfillmentOrderId: fo.id, fulfillmentOrderLineItems: [{ id: lineA.id, quantity: 2 }] }],
        trackingInfo: { company: 'UPS', number: '1Z1', url: 'https://ups.example/1Z1' },
      },
    });
    expect(shipped.fulfillmentCreate.userErrors).toEqual([]);
    const fulfillment = shipped.fulfillmentCreate.fulfillment;
    const requested = await requestReturn(order.id, fulfillment.fulfillmentLineItems.nodes[0].id);
    const approved = await ret('approve', { id: requested.id });
    expect(approved.return.status).toBe('OPEN');

    const read = await readOrder(merchant, order.id);
    expect(read.fulfillmentOrders.nodes).toEqual([
      {
        id: fo.id,
        status: 'IN_PROGRESS',
        requestStatus: 'UNSUBMITTED',
        updatedAt: expect.any(String),
        assignedLocation: { location: { id: main } },
        fulfillmentHolds: [],
        supportedActions: [{ action: 'CREATE_FULFILLMENT' }, { action: 'MOVE' }, { action: 'HOLD' }, { action: 'SPLIT' }],
        lineItems: {
          nodes: [
            { id: lineA.id, totalQuantity: 3, remainingQuantity: 1, lineItem: { id: lineA.lineItem.id } },
            { id: lineB.id, totalQuantity: 1, remainingQuantity: 1, lineItem: { id: lineB.lineItem.id } },
          ],
        },
        fulfillments: { nodes: [{ id: fulfillment.id }] },
      },
    ]);
    expect(read.fulfillments).toEqual([
      {
        id: fulfillment.id,
        status: 'SUCCESS',
        createdAt: expect.any(String),
        trackingInfo: [{ company: 'UPS', number: '1Z1', url: 'https://ups.example/1Z1' }],
        fulfillmentLineItems: {
          nodes: [{ id: fulfillment.fulfillmentLineItems.nodes[0].id, quantity: 2, lineItem: { id: lineA.lineItem.id } }],
        },
        fulfillmentOrders: { nodes: [{ id: fo.id }] },
      },
    ]);
    expect(read.returns.nodes).toEqual([{ id: requested.id, status: 'OPEN' }]);
    expect(
      (await gql(merchant, `{ order(id: "${order.id}") { returns(first: 5, query: "status:closed") { nodes { id } } } }`)).order.returns
        .nodes,
    ).toEqual([]);

    // Lists and connections as the schema has them: asking a list for nodes (or a connection without) is invalid.
    const wrong = await h.gql(shop, merchant, `{ order(id: "${order.id}") { fulfillments(first: 5) { nodes { id } } } }`);
    expect(wrong.body.errors[0]).toMatchObject({ message: "Field 'nodes' doesn't exist on type 'Fulfillment'" });
    const holdsArg = await h.gql(shop, merchant, `{ fulfillmentOrder(id: "${fo.id}") { fulfillmentHolds(first: 5) { id } } }`);
    expect(holdsArg.body.errors[0].message).toBe("Field 'fulfillmentHolds' doesn't accept argument 'first'");

    const byId = await gql(merchant, `query($id: ID!) { fulfillmentOrder(id: $id) { ${FO_FIELDS} } }`, { id: fo.id });
    expect(byId.fulfillmentOrder).toEqual(read.fulfillmentOrders.nodes[0]);
    const nodes = await gql(
      merchant,
      `query($ids: [ID!]!) { nodes(ids: $ids) { __typename id ... on FulfillmentOrder { foStatus: status } ... on Fulfillment { fStatus: status } ... on Return { rStatus: status name } } }`,
      { ids: [fo.id, fulfillment.id, requested.id, 'gid://shopify/Return/1'] },
    );
    expect(nodes.nodes).toEqual([
      { __typename: 'FulfillmentOrder', id: fo.id, foStatus: 'IN_PROGRESS' },
      { __typename: 'Fulfillment', id: fulfillment.id, fStatus: 'SUCCESS' },
      { __typename: 'Return', id: requested.id, rStatus: 'OPEN', name: expect.stringMatching(/^#\d+-R1$/) },
      null,
    ]);

    const returned = (await gql(merchant, RETURN_READ, { id: requested.id })).return;
    const rfo = returned.reverseFulfillmentOrders.nodes[0];
    expect(returned).toEqual({
      id: requested.id,
      name: expect.stringMatching(/-R1$/),
      status: 'OPEN',
      createdAt: expect.any(String),
      closedAt: null,
      order: { id: order.id },
      returnLineItems: {
        nodes: [
          {
            id: expect.stringMatching(/^gid:\/\/shopify\/ReturnLineItem\/\d+$/),
            quantity: 1,
            returnReason: 'SIZE_TOO_SMALL',
            returnReasonNote: '',
            customerNote: 'tight',
            fulfillmentLineItem: { id: fulfillment.fulfillmentLineItems.nodes[0].id, lineItem: { id: lineA.lineItem.id } },
          },
        ],
      },
      reverseFulfillmentOrders: {
        nodes: [
          {
            id: expect.stringMatching(/^gid:\/\/shopify\/ReverseFulfillmentOrder\/\d+$/),
            status: 'OPEN',
            lineItems: {
              nodes: [
                {
                  id: rfo.lineItems.nodes[0].id,
                  totalQuantity: 1,
                  fulfillmentLineItem: { id: fulfillment.fulfillmentLineItems.nodes[0].id, lineItem: { id: lineA.lineItem.id } },
                  dispositions: [],
                },
              ],
            },
          },
        ],
      },
    });
    const rfoNode = await gql(merchant, `{ nodes(ids: ["${rfo.id}"]) { ... on ReverseFulfillmentOrder { status } } }`);
    expect(rfoNode.nodes).toEqual([{ status: 'OPEN' }]);
  });

  it('holds a whole fulfillment order: ON_HOLD, no fulfillment, stacked holds by handle, released hold by hold with webhooks', async () => {
    const order = await createOrder([{ variantId: variantA, quantity: 2 }]);
    const fo = order.fulfillmentOrders.nodes[0];
    const before = fo.updatedAt;
    const at = tick();
    const held = (
      await gql(merchant, HOLD, { id: fo.id, hold: { reason: 'AWAITING_PAYMENT', reasonNotes: 'wire transfer', handle: 'payment' } })
    ).fulfillmentOrderHold;
    expect(held.userErrors).toEqual([]);
    expect(held.remainingFulfillmentOrder).toBeNull();
    expect(held.fulfillmentHold).toMatchObject({
      handle: 'payment',
      reason: 'AWAITING_PAYMENT',
      reasonNotes: 'wire transfer',
      displayReason: 'Awaiting payment',
      heldByRequestingApp: true,
    });
    expect(held.fulfillmentOrder).toMatchObject({
      id: fo.id,
      status: 'ON_HOLD',
      updatedAt: at,
      fulfillmentHolds: [{ id: held.fulfillmentHold.id, reason: 'AWAITING_PAYMENT', reasonNotes: 'wire transfer' }],
      supportedActions: [{ action: 'RELEASE_HOLD' }, { action: 'HOLD' }, { action: 'MOVE' }],
    });
    expect(at > before).toBe(true);
    const read = await readOrder(merchant, order.id);
    expect(read.displayFulfillmentStatus).toBe('ON_HOLD');
    expect(read.lineItems.nodes[0].fulfillableQuantity).toBe(0);

    const refused = await fulfil(merchant, fo.id);
    expect(refused).toEqual({
      fulfillment: null,
      userErrors: [{ field: ['fulfillment'], message: `Fulfillment order ${numeric(fo.id)} has an unfulfillable status= on_hold.` }],
    });

    const second = (await gql(merchant, HOLD, { id: fo.id, hold: { reason: 'HIGH_RISK_OF_FRAUD', handle: 'fraud' } })).fulfillmentOrderHold;
    expect(second.userErrors).toEqual([]);
    expect(second.fulfillmentOrder.fulfillmentHolds).toHaveLength(2);
    const duplicate = (await gql(merchant, HOLD, { id: fo.id, hold: { reason: 'OTHER', handle: 'fraud' } })).fulfillmentOrderHold;
    expect(duplicate).toMatchObject({
      fulfillmentOrder: null,
      userErrors: [{ field: ['fulfillmentHold', 'handle'], code: 'DUPLICATE_FULFILLMENT_HOLD_HANDLE' }],
    });
    const partial = (
      await gql(merchant, HOLD, {
        id: fo.id,
        hold: { reason: 'OTHER', handle: 'x', fulfillmentOrderLineItems: [{ id: fo.lineItems.nodes[0].id, quantity: 1 }] },
      })
    ).fulfillmentOrderHold;
    expect(partial.userErrors).toEqual([
      {
        field: ['fulfillmentHold', 'fulfillmentOrderLineItems'],
        message: 'The fulfillment order is not in a splittable state.',
        code: 'FULFILLMENT_ORDER_NOT_SPLITTABLE',
      },
    ]);
    // placed_on_hold once (the transition), fulfillment_holds/added per hold.
    expect(await received('fulfillment_orders/placed_on_hold')).toHaveLength(1);
    expect(await received('fulfillment_holds/added')).toHaveLength(2);
    const [placed] = await received('fulfillment_orders/placed_on_hold');
    expect(keys(placed)).toEqual([
      'created_fulfillment_hold',
      'fulfillment_order',
      'held_fulfillment_order_line_items',
      'remaining_fulfillment_order',
    ]);
    expect(placed).toMatchObject({
      fulfillment_order: { id: fo.id, status: 'on_hold' },
      remaining_fulfillment_order: null,
      held_fulfillment_order_line_items: [{ id: fo.lineItems.nodes[0].id, quantity: 2 }],
      created_fulfillment_hold: {
        id: held.fulfillmentHold.id,
        reason: 'awaiting_payment',
        reason_notes: 'wire transfer',
        handle: 'payment',
      },
    });

    hooks.length = 0;
    const one = (await gql(merchant, RELEASE, { id: fo.id, holdIds: [held.fulfillmentHold.id] })).fulfillmentOrderReleaseHold;
    expect(one.userErrors).toEqual([]);
    expect(one.fulfillmentOrder).toMatchObject({ status: 'ON_HOLD', fulfillmentHolds: [{ id: second.fulfillmentHold.id }] });
    expect(await received('fulfillment_holds/released')).toHaveLength(1);
    expect(await received('fulfillment_orders/hold_released')).toEqual([]);
    const releasedAt = tick();
    const all = (await gql(merchant, RELEASE, { id: fo.id })).fulfillmentOrderReleaseHold;
    expect(all.fulfillmentOrder).toMatchObject({
      status: 'OPEN',
      updatedAt: releasedAt,
      fulfillmentHolds: [],
      supportedActions: [
        { action: 'CREATE_FULFILLMENT' },
        { action: 'REPORT_PROGRESS' },
        { action: 'MOVE' },
        { action: 'HOLD' },
        { action: 'SPLIT' },
      ],
    });
    expect(await received('fulfillment_orders/hold_released')).toEqual([{ fulfillment_order: { id: fo.id, status: 'open' } }]);
    expect(await received('fulfillment_holds/released')).toHaveLength(2);
    expect((await fulfil(merchant, fo.id)).userErrors).toEqual([]);
  });

  it('holds part of a fulfillment order: the original keeps the held units, a new one the rest; release merges them back', async () => {
    const order = await createOrder([
      { variantId: variantA, quantity: 3 },
      { variantId: variantB, quantity: 1 },
    ]);
    const fo = order.fulfillmentOrders.nodes[0];
    const [lineA, lineB] = fo.lineItems.nodes;
    const zero = (
      await gql(merchant, HOLD, { id: fo.id, hold: { reason: 'OTHER', fulfillmentOrderLineItems: [{ id: lineA.id, quantity: 0 }] } })
    ).fulfillmentOrderHold;
    expect(zero.userErrors).toEqual([
      {
        field: ['fulfillmentHold', 'fulfillmentOrderLineItems', '0', 'quantity'],
        message: 'You must select at least one item to place on partial hold.',
        code: 'GREATER_THAN_ZERO',
      },
    ]);
    const held = (
      await gql(merchant, HOLD, {
        id: fo.id,
        hold: { reason: 'INVENTORY_OUT_OF_STOCK', fulfillmentOrderLineItems: [{ id: lineA.id, quantity: 2 }] },
      })
    ).fulfillmentOrderHold;
    expect(held.userErrors).toEqual([]);
    expect(held.fulfillmentOrder).toMatchObject({
      id: fo.id,
      status: 'ON_HOLD',
      lineItems: { nodes: [{ id: lineA.id, totalQuantity: 2, remainingQuantity: 2, lineItem: { id: lineA.lineItem.id } }] },
    });
    const remaining = held.remainingFulfillmentOrder;
    expect(remaining.id).not.toBe(fo.id);
    expect(remaining).toMatchObject({ status: 'OPEN', assignedLocation: { location: { id: main } } });
    expect(remaining.lineItems.nodes).toEqual([
      { id: expect.not.stringMatching(lineA.id), totalQuantity: 1, remainingQuantity: 1, lineItem: { id: lineA.lineItem.id } },
      { id: expect.not.stringMatching(lineB.id), totalQuantity: 1, remainingQuantity: 1, lineItem: { id: lineB.lineItem.id } },
    ]);
    const read = await readOrder(merchant, order.id);
    expect(read.displayFulfillmentStatus).toBe('UNFULFILLED');
    expect(read.lineItems.nodes.map((l: { fulfillableQuantity: number }) => l.fulfillableQuantity)).toEqual([1, 1]);
    const [placed] = await received('fulfillment_orders/placed_on_hold');
    expect(placed).toMatchObject({
      remaining_fulfillment_order: { id: remaining.id, status: 'open' },
      held_fulfillment_order_line_items: [{ id: lineA.id, quantity: 2 }],
    });

    const released = (await gql(merchant, RELEASE, { id: fo.id })).fulfillmentOrderReleaseHold;
    expect(released.fulfillmentOrder.status).toBe('OPEN');
    expect(released.fulfillmentOrder.lineItems.nodes).toEqual([
      { id: lineA.id, totalQuantity: 3, remainingQuantity: 3, lineItem: { id: lineA.lineItem.id } },
      { id: expect.any(String), totalQuantity: 1, remainingQuantity: 1, lineItem: { id: lineB.lineItem.id } },
    ]);
    const after = await gql(
      merchant,
      `query($id: ID!) { order(id: $id) { all: fulfillmentOrders(first: 5) { nodes { id status lineItems(first: 5) { nodes { totalQuantity } } } }
        shown: fulfillmentOrders(first: 5, displayable: true) { nodes { id } } } }`,
      { id: order.id },
    );
    expect(after.order.all.nodes).toEqual([
      { id: fo.id, status: 'OPEN', lineItems: { nodes: [{ totalQuantity: 3 }, { totalQuantity: 1 }] } },
      { id: remaining.id, status: 'CLOSED', lineItems: { nodes: [{ totalQuantity: 0 }, { totalQuantity: 0 }] } },
    ]);
    expect(after.order.shown.nodes).toEqual([{ id: fo.id }]);
  });

  it('refuses fulfillments of CLOSED and CANCELLED fulfillment orders with Shopify’s message', async () => {
    const order = await createOrder([{ variantId: variantA, quantity: 1 }]);
    const fo = order.fulfillmentOrders.nodes[0];
    expect((await fulfil(merchant, fo.id)).userErrors).toEqual([]);
    expect((await fulfil(merchant, fo.id)).userErrors).toEqual([
      { field: ['fulfillment'], message: `Fulfillment order ${numeric(fo.id)} has an unfulfillable status= closed.` },
    ]);
    const other = await createOrder([{ variantId: variantA, quantity: 1 }]);
    const cancelledFo = other.fulfillmentOrders.nodes[0];
    // No mutation of this sandbox cancels a fulfillment order; the state is set directly.
    const record = h.server.store.requireShop(shop).fulfillmentOrders[numeric(cancelledFo.id)];
    if (record) {
      record.status = 'CANCELLED';
    }
    expect((await fulfil(merchant, cancelledFo.id)).userErrors).toEqual([
      { field: ['fulfillment'], message: `Fulfillment order ${numeric(cancelledFo.id)} has an unfulfillable status= cancelled.` },
    ]);
    const missing = await fulfil(merchant, 'gid://shopify/FulfillmentOrder/1');
    expect(missing.userErrors).toEqual([{ field: ['fulfillment'], message: 'Fulfillment order does not exist.' }]);
  });

  it('moves a whole fulfillment order (same ids, new location) and part of one (new fulfillment order), committed stock following', async () => {
    const order = await createOrder([
      { variantId: variantA, quantity: 3 },
      { variantId: variantB, quantity: 1 },
    ]);
    const fo = order.fulfillmentOrders.nodes[0];
    const [lineA, lineB] = fo.lineItems.nodes;
    const mainBefore = await quantities(itemA, main);
    const secondBefore = await quantities(itemA, second);
    const at = tick();
    const whole = (await gql(merchant, MOVE, { id: fo.id, to: second })).fulfillmentOrderMove;
    expect(whole.userErrors).toEqual([]);
    expect(whole.movedFulfillmentOrder).toMatchObject({
      id: fo.id,
      status: 'OPEN',
      updatedAt: at,
      assignedLocation: { location: { id: second } },
      lineItems: {
        nodes: [
          { id: lineA.id, totalQuantity: 3 },
          { id: lineB.id, totalQuantity: 1 },
        ],
      },
    });
    expect(whole.originalFulfillmentOrder.id).toBe(fo.id);
    expect(whole.remainingFulfillmentOrder).toBeNull();
    expect(await quantities(itemA, main)).toEqual({
      ...mainBefore,
      available: mainBefore.available + 3,
      committed: mainBefore.committed - 3,
    });
    expect(await quantities(itemA, second)).toEqual({
      ...secondBefore,
      available: secondBefore.available - 3,
      committed: secondBefore.committed + 3,
    });
    const [movedHook] = await received('fulfillment_orders/moved');
    expect(movedHook).toEqual({
      original_fulfillment_order: { id: fo.id, status: 'open', assigned_location_id: second },
      moved_fulfillment_order: { id: fo.id, status: 'open', assigned_location_id: second },
      destination_location_id: second,
      fulfillment_order_line_items_requested: [],
      source_location: { id: main },
    });

    hooks.length = 0;
    const part = (await gql(merchant, MOVE, { id: fo.id, to: main, lines: [{ id: lineA.id, quantity: 2 }] })).fulfillmentOrderMove;
    expect(part.userErrors).toEqual([]);
    const moved = part.movedFulfillmentOrder;
    expect(moved.id).not.toBe(fo.id);
    expect(moved).toMatchObject({ status: 'OPEN', assignedLocation: { location: { id: main } } });
    expect(moved.lineItems.nodes).toEqual([
      { id: expect.not.stringMatching(lineA.id), totalQuantity: 2, remainingQuantity: 2, lineItem: { id: lineA.lineItem.id } },
    ]);
    expect(part.originalFulfillmentOrder).toMatchObject({
      id: fo.id,
      status: 'OPEN',
      assignedLocation: { location: { id: second } },
      lineItems: {
        nodes: [
          { id: lineA.id, totalQuantity: 1, remainingQuantity: 1 },
          { id: lineB.id, totalQuantity: 1 },
        ],
      },
    });
    expect(part.remainingFulfillmentOrder).toEqual({ id: fo.id });
    expect((await received('fulfillment_orders/moved'))[0]).toMatchObject({
      moved_fulfillment_order: { id: moved.id, assigned_location_id: main },
      fulfillment_order_line_items_requested: [{ id: lineA.id, quantity: 2 }],
      source_location: { id: second },
    });

    // With units already fulfilled, the rest moves to a new fulfillment order and the original closes.
    expect((await fulfil(merchant, fo.id, [{ id: lineA.id, quantity: 1 }])).userErrors).toEqual([]);
    hooks.length = 0;
    const rest = (await gql(merchant, MOVE, { id: fo.id, to: main })).fulfillmentOrderMove;
    expect(rest.userErrors).toEqual([]);
    expect(rest.movedFulfillmentOrder.id).not.toBe(fo.id);
    expect(rest.movedFulfillmentOrder.lineItems.nodes).toEqual([
      { id: expect.any(String), totalQuantity: 1, remainingQuantity: 1, lineItem: { id: lineB.lineItem.id } },
    ]);
    expect(rest.originalFulfillmentOrder).toMatchObject({
      id: fo.id,
      status: 'CLOSED',
      lineItems: { nodes: [{ id: lineA.id, totalQuantity: 1, remainingQuantity: 0 }] },
    });
    expect((await received('fulfillment_orders/moved'))[0]).toMatchObject({ original_fulfillment_order: { id: fo.id, status: 'closed' } });

    const closed = (await gql(merchant, MOVE, { id: fo.id, to: second })).fulfillmentOrderMove;
    expect(closed.userErrors).toEqual([{ field: null, message: 'Cannot change location.', code: null }]);
    const nowhere = (await gql(merchant, MOVE, { id: moved.id, to: 'gid://shopify/Location/1' })).fulfillmentOrderMove;
    expect(nowhere.userErrors).toEqual([{ field: ['id'], message: 'Location not found.', code: null }]);
  });

  it('creates a fulfillment service with its own location; orders routed there get third-party fulfillment orders, seen and fulfilled per scope', async () => {
    const created = await h.post(`/__sandbox/shops/${shop}/fulfillment-services`, { name: 'Hermes 3PL' });
    expect(created).toMatchObject({
      fulfillmentService: { id: expect.stringMatching(/^gid:\/\/shopify\/FulfillmentService\/\d+\?id=true$/), handle: 'hermes-3pl' },
      location: { id: expect.stringMatching(/^gid:\/\/shopify\/Location\/\d+$/), name: 'Hermes 3PL' },
    });
    const fsLocation = created.location.id as string;
    expect(await h.post(`/__sandbox/shops/${shop}/fulfillment-services`, { name: 'Hermes 3PL' })).toMatchObject({
      error: 'Name has already been taken',
    });
    const location = await gql(
      staff,
      `{ location(id: "${fsLocation}") { isFulfillmentService shipsInventory fulfillmentService { serviceName handle type location { id } } } }`,
    );
    expect(location.location).toEqual({
      isFulfillmentService: true,
      shipsInventory: false,
      fulfillmentService: { serviceName: 'Hermes 3PL', handle: 'hermes-3pl', type: 'THIRD_PARTY', location: { id: fsLocation } },
    });
    const listed = await gql(
      staff,
      '{ plain: locations(first: 10) { nodes { id } } legacy: locations(first: 10, includeLegacy: true) { nodes { id } } }',
    );
    expect(listed.plain.nodes.map((l: { id: string }) => l.id)).not.toContain(fsLocation);
    expect(listed.legacy.nodes.map((l: { id: string }) => l.id)).toContain(fsLocation);

    // The product stocked at the service's location (and nowhere else) is routed there by orderCreate.
    const stocked = await seedProduct(h, shop, staff, fsLocation, [{ sku: 'HR-3PL', qty: 10 }], 'Boots');
    const order = await createOrder([
      { variantId: variantA, quantity: 1 },
      { variantId: stocked.variants.nodes[0]?.id, quantity: 1 },
    ]);
    const byLocation = new Map<string, any>(order.fulfillmentOrders.nodes.map((fo: any) => [fo.assignedLocation.location.id, fo]));
    const ownFo = byLocation.get(main);
    const serviceFo = byLocation.get(fsLocation);
    expect(serviceFo).toBeDefined();
    expect(await quantities(stocked.variants.nodes[0]?.inventoryItem.id, fsLocation)).toEqual({
      available: 9,
      committed: 1,
      on_hand: 10,
    });

    // read_merchant_managed only: the third-party fulfillment order does not exist for the app.
    const merchantView = await readOrder(merchant, order.id);
    expect(merchantView.fulfillmentOrders.nodes.map((fo: { id: string }) => fo.id)).toEqual([ownFo.id]);
    const merchantRoots = await gql(
      merchant,
      `query($id: ID!) { fulfillmentOrder(id: $id) { id } nodes(ids: [$id]) { id } fulfillmentOrders(first: 50) { nodes { id } } }`,
      { id: serviceFo.id },
    );
    expect(merchantRoots.fulfillmentOrder).toBeNull();
    expect(merchantRoots.nodes).toEqual([null]);
    expect(merchantRoots.fulfillmentOrders.nodes.map((fo: { id: string }) => fo.id)).not.toContain(serviceFo.id);
    expect((await fulfil(merchant, serviceFo.id)).userErrors).toEqual([
      { field: ['fulfillment'], message: 'Fulfillment order does not exist.' },
    ]);

    // read/write_third_party: visible and manageable, but only the service's own app may create its fulfillments.
    const thirdView = await readOrder(thirdParty, order.id);
    const seen = thirdView.fulfillmentOrders.nodes.find((fo: { id: string }) => fo.id === serviceFo.id);
    expect(seen.supportedActions).toEqual([{ action: 'REQUEST_FULFILLMENT' }, { action: 'HOLD' }, { action: 'MOVE' }]);
    expect((await fulfil(thirdParty, serviceFo.id)).userErrors).toEqual([
      { field: ['fulfillment'], message: 'The api_client does not have access to the fulfillment order.' },
    ]);
    expect((await fulfil(thirdParty, ownFo.id)).userErrors).toEqual([]);

    // The merchant (staff token) fulfils it; tracking updates need the scope of the fulfillment order's kind.
    const byStaff = await fulfil(staff, serviceFo.id);
    expect(byStaff.userErrors).toEqual([]);
    const tracking = `mutation($id: ID!) { fulfillmentTrackingInfoUpdate(fulfillmentId: $id, trackingInfoInput: { number: "H1", company: "Hermes" }) {
      fulfillment { trackingInfo { number } } userErrors { field message } } }`;
    expect((await gql(merchant, tracking, { id: byStaff.fulfillment.id })).fulfillmentTrackingInfoUpdate).toEqual({
      fulfillment: null,
      userErrors: [{ field: ['fulfillmentId'], message: 'The api_client does not have access to the fulfillment order.' }],
    });
    expect((await gql(thirdParty, tracking, { id: byStaff.fulfillment.id })).fulfillmentTrackingInfoUpdate).toEqual({
      fulfillment: { trackingInfo: [{ number: 'H1' }] },
      userErrors: [],
    });
  });

  it("lets the fulfillment service's own app (write_assigned_fulfillment_orders) fulfil its fulfillment orders, and only those", async () => {
    const created = await h.post(`/__sandbox/shops/${shop}/fulfillment-services`, { name: 'Owned 3PL', apiKey: OWNER_KEY });
    const fsLocation = created.location.id as string;
    const { redirectUrl } = await h.post('/__sandbox/oauth/approve', {
      shop,
      clientId: OWNER_KEY,
      scope: OWNER_SCOPES,
      redirectUri: 'https://app.gantry.test/auth/callback',
      state: 's',
    });
    const code = new URL(redirectUrl as string).searchParams.get('code');
    const owner = (await h.post(`/${shop}/admin/oauth/access_token`, { client_id: OWNER_KEY, client_secret: OWNER_SECRET, code }))
      .access_token;
    expect(API_KEY).not.toBe(OWNER_KEY);
    const order = await createOrder([{ variantId: variantA, quantity: 2 }]);
    const fo = order.fulfillmentOrders.nodes[0];
    // The merchant moves the fulfillment order to the service's location (a service location takes any item).
    const moved = (await gql(thirdParty, MOVE, { id: fo.id, to: fsLocation })).fulfillmentOrderMove;
    expect(moved.userErrors).toEqual([]);
    const ownerView = (
      await gql(owner, `query($id: ID!) { order(id: $id) { fulfillmentOrders(first: 5) { nodes { ${FO_FIELDS} } } } }`, { id: order.id })
    ).order;
    expect(ownerView.fulfillmentOrders.nodes).toEqual([
      expect.objectContaining({
        id: fo.id,
        assignedLocation: { location: { id: fsLocation } },
        supportedActions: [
          { action: 'REQUEST_FULFILLMENT' },
          { action: 'CREATE_FULFILLMENT' },
          { action: 'HOLD' },
          { action: 'SPLIT' },
          { action: 'MOVE' },
        ],
      }),
    ]);
    expect((await fulfil(owner, fo.id)).userErrors).toEqual([]);
    const elsewhere = await createOrder([{ variantId: variantA, quantity: 1 }]);
    expect((await fulfil(owner, elsewhere.fulfillmentOrders.nodes[0].id)).userErrors).toEqual([
      { field: ['fulfillment'], message: 'Fulfillment order does not exist.' },
    ]);
  });

  it("runs returns through request, decline, approve, cancel in the samples' payload shapes without moving the order's updatedAt", async () => {
    const { orderId, fli } = await shippedOrder(3);
    const orderBefore = (await readOrder(merchant, orderId)).updatedAt;
    tick();
    const since = tick();
    const declined = await requestReturn(orderId, fli);
    const readRequested = await readOrder(merchant, orderId);
    expect(readRequested.returnStatus).toBe('RETURN_REQUESTED');
    expect(readRequested.updatedAt).toBe(orderBefore);
    const find = async (query: string) =>
      (await gql(merchant, 'query($q: String!) { orders(first: 50, query: $q) { nodes { id } } }', { q: query })).orders.nodes.map(
        (o: { id: string }) => o.id,
      );
    // A return does not touch the order: an updated_at sync misses it; return_status finds it.
    expect(await find(`updated_at:>='${since}'`)).not.toContain(orderId);
    expect(await find('return_status:return_requested')).toContain(orderId);
    expect(await find('return_status:in_progress')).not.toContain(orderId);
    const [requestHook] = await received('returns/request');
    expect(keys(requestHook)).toEqual([...(SAMPLE_KEYS['returns/request'] ?? [])].sort());
    expect(requestHook).toMatchObject({ admin_graphql_api_id: declined.id, status: 'requested', order: { admin_graphql_api_id: orderId } });

    const declinedRes = await ret('decline', { id: declined.id });
    expect(declinedRes.return.status).toBe('DECLINED');
    expect((await ret('decline', { id: declined.id })).userErrors).toEqual([
      { field: ['input', 'id'], message: 'The return is already declined.', code: 'INVALID_STATE' },
    ]);
    expect((await ret('cancel', { id: declined.id })).userErrors).toEqual([
      { field: ['id'], message: 'Return status is invalid.', code: 'INVALID_STATE' },
    ]);
    const [declineHook] = await received('returns/decline');
    expect(keys(declineHook)).toEqual([...(SAMPLE_KEYS['returns/decline'] ?? [])].sort());
    expect(declineHook.decline).toEqual({ reason: 'return_period_ended', note: 'too late' });
    expect((await readOrder(merchant, orderId)).returnStatus).toBe('NO_RETURN');

    const open = await requestReturn(orderId, fli, 2);
    const approved = await ret('approve', { id: open.id });
    expect(approved.return.status).toBe('OPEN');
    expect((await ret('approve', { id: open.id })).userErrors).toEqual([
      {
        field: ['input', 'id'],
        message: 'Return is not approvable. Only returns with status REQUESTED can be approved.',
        code: 'INVALID_STATE',
      },
    ]);
    expect(await find('return_status:in_progress')).toContain(orderId);
    const [approveHook] = await received('returns/approve');
    expect(keys(approveHook)).toEqual([...(SAMPLE_KEYS['returns/approve'] ?? [])].sort());

    const cancelled = await ret('cancel', { id: open.id });
    expect(cancelled.userErrors).toEqual([]);
    expect(cancelled.return).toMatchObject({
      status: 'CANCELED',
      closedAt: null,
      reverseFulfillmentOrders: { nodes: [{ status: 'CANCELED' }] },
    });
    expect((await ret('cancel', { id: open.id })).return.status).toBe('CANCELED');
    const cancelHooks = await received('returns/cancel');
    expect(cancelHooks).toHaveLength(1);
    expect(keys(cancelHooks[0])).toEqual([...(SAMPLE_KEYS['returns/cancel'] ?? [])].sort());
    expect(cancelHooks[0]).toMatchObject({ admin_graphql_api_id: open.id, status: 'canceled' });
    expect(String(cancelHooks[0]?.order_id)).toBe(numeric(orderId));
    expect((await ret('cancel', { id: 'gid://shopify/Return/1' })).userErrors).toEqual([
      { field: ['id'], message: 'Return not found.', code: 'NOT_FOUND' },
    ]);
    // Canceled: the units can be returned again; the return status no longer counts it.
    const final = await readOrder(merchant, orderId);
    expect(final.returnStatus).toBe('NO_RETURN');
    expect(final.updatedAt).toBe(orderBefore);
    expect((await requestReturn(orderId, fli, 3)).status).toBe('REQUESTED');
  });

  it('disposes, closes and reopens a return: restocking adds to available, a worked-on return cannot be canceled', async () => {
    const { orderId, fli } = await shippedOrder(4);
    const orderBefore = (await readOrder(merchant, orderId)).updatedAt;
    const opened = await requestReturn(orderId, fli, 3);
    const approved = await ret('approve', { id: opened.id });
    const rfo = approved.return.reverseFulfillmentOrders.nodes[0];
    const rfoLine = rfo.lineItems.nodes[0].id as string;
    const stock = await quantities(itemA, main);

    expect((await gql(merchant, DISPOSE, { d: [] })).reverseFulfillmentOrderDispose).toEqual({
      reverseFulfillmentOrderLineItems: null,
      userErrors: [{ field: ['dispositionInputs'], message: 'The array cannot be empty.', code: 'BLANK' }],
    });
    const noLocation = (
      await gql(merchant, DISPOSE, { d: [{ reverseFulfillmentOrderLineItemId: rfoLine, quantity: 1, dispositionType: 'RESTOCKED' }] })
    ).reverseFulfillmentOrderDispose;
    expect(noLocation.userErrors).toEqual([
      { field: ['dispositionInputs', '0', 'locationId'], message: 'Location not found.', code: 'NOT_FOUND' },
    ]);

    const notRestocked = (
      await gql(merchant, DISPOSE, {
        d: [{ reverseFulfillmentOrderLineItemId: rfoLine, quantity: 1, dispositionType: 'NOT_RESTOCKED', locationId: main }],
      })
    ).reverseFulfillmentOrderDispose;
    expect(notRestocked.userErrors).toEqual([]);
    expect(await quantities(itemA, main)).toEqual(stock);
    const restocked = (
      await gql(merchant, DISPOSE, {
        d: [{ reverseFulfillmentOrderLineItemId: rfoLine, quantity: 1, dispositionType: 'RESTOCKED', locationId: main }],
      })
    ).reverseFulfillmentOrderDispose;
    expect(restocked).toEqual({
      reverseFulfillmentOrderLineItems: [
        {
          id: rfoLine,
          totalQuantity: 3,
          dispositions: [
            { type: 'NOT_RESTOCKED', quantity: 1, location: { id: main } },
            { type: 'RESTOCKED', quantity: 1, location: { id: main } },
          ],
        },
      ],
      userErrors: [],
    });
    expect(await quantities(itemA, main)).toEqual({ ...stock, available: stock.available + 1, on_hand: stock.on_hand + 1 });
    const disposeHooks = await received('reverse_fulfillment_orders/dispose');
    expect(disposeHooks).toHaveLength(2);
    expect(keys(disposeHooks[1])).toEqual(['admin_graphql_api_id', 'dispositions', 'id', 'total_dispositions']);
    expect(disposeHooks[1]).toMatchObject({
      admin_graphql_api_id: rfo.id,
      total_dispositions: 1,
      dispositions: [
        {
          reverse_fulfillment_order_line_item: { admin_graphql_api_id: rfoLine },
          reverse_delivery_line_item: null,
          type: 'restocked',
          location: { admin_graphql_api_id: main },
          quantity: 1,
        },
      ],
    });
    expect((await ret('cancel', { id: opened.id })).userErrors).toEqual([
      { field: ['id'], message: 'Return is not cancelable.', code: 'INVALID_STATE' },
    ]);

    const closed = await ret('close', { id: opened.id });
    expect(closed.return).toMatchObject({
      status: 'CLOSED',
      closedAt: expect.any(String),
      reverseFulfillmentOrders: { nodes: [{ status: 'CLOSED' }] },
    });
    expect((await ret('close', { id: opened.id })).return.closedAt).toBe(closed.return.closedAt);
    expect((await readOrder(merchant, orderId)).returnStatus).toBe('RETURNED');
    const onClosed = (
      await gql(merchant, DISPOSE, {
        d: [{ reverseFulfillmentOrderLineItemId: rfoLine, quantity: 1, dispositionType: 'RESTOCKED', locationId: main }],
      })
    ).reverseFulfillmentOrderDispose;
    expect(onClosed).toMatchObject({ reverseFulfillmentOrderLineItems: null, userErrors: [{ code: 'INVALID_STATE' }] });
    expect(await quantities(itemA, main)).toEqual({ ...stock, available: stock.available + 1, on_hand: stock.on_hand + 1 });
    expect((await ret('cancel', { id: opened.id })).userErrors).toEqual([
      { field: ['id'], message: 'Return is not cancelable.', code: 'INVALID_STATE' },
    ]);
    const [closeHook] = await received('returns/close');
    expect(keys(closeHook)).toEqual([...(SAMPLE_KEYS['returns/close'] ?? [])].sort());

    const reopened = await ret('reopen', { id: opened.id });
    expect(reopened.return).toMatchObject({ status: 'OPEN', closedAt: null, reverseFulfillmentOrders: { nodes: [{ status: 'OPEN' }] } });
    expect((await ret('reopen', { id: opened.id })).return.status).toBe('OPEN');
    const reopenHooks = await received('returns/reopen');
    expect(reopenHooks).toHaveLength(1);
    expect(keys(reopenHooks[0])).toEqual(['admin_graphql_api_id', 'id', 'order_id', 'status']);
    expect(reopenHooks[0]).toMatchObject({ admin_graphql_api_id: opened.id, status: 'open' });
    const requested = await requestReturn(orderId, fli, 1);
    expect((await ret('reopen', { id: requested.id })).userErrors).toEqual([
      { field: ['id'], message: 'Return status is invalid.', code: 'INVALID_STATE' },
    ]);
    expect((await ret('close', { id: requested.id })).userErrors).toEqual([
      { field: ['id'], message: 'Return status is invalid.', code: 'INVALID_STATE' },
    ]);
    expect((await readOrder(merchant, orderId)).updatedAt).toBe(orderBefore);

    // Lines of two reverse fulfillment orders in one call are refused as a whole.
    const second = (await ret('approve', { id: requested.id })).return.reverseFulfillmentOrders.nodes[0].lineItems.nodes[0].id;
    const two = (
      await gql(merchant, DISPOSE, {
        d: [
          { reverseFulfillmentOrderLineItemId: rfoLine, quantity: 1, dispositionType: 'NOT_RESTOCKED' },
          { reverseFulfillmentOrderLineItemId: second, quantity: 1, dispositionType: 'NOT_RESTOCKED' },
        ],
      })
    ).reverseFulfillmentOrderDispose;
    expect(two.userErrors).toEqual([
      { field: ['dispositionInputs'], message: 'Cannot dispose items from more than one reverse fulfillment order.', code: 'INVALID' },
    ]);
  });
});
