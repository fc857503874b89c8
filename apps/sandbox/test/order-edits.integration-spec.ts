/* eslint-disable @typescript-eslint/no-explicit-any -- dynamic GraphQL and webhook JSON */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parse } from 'lossless-json';
import { SandboxHarness, seedProduct } from './sandbox-test.harness';

interface Received {
  headers: IncomingMessage['headers'];
  body: string;
}

const ORDER_CREATE = `mutation($order: OrderCreateOrderInput!, $options: OrderCreateOptionsInput) {
  orderCreate(order: $order, options: $options) {
    order { id updatedAt lineItems(first: 5) { nodes { id sku quantity currentQuantity } } }
    userErrors { field message }
  }
}`;
const ORDER_VIEW = `query($id: ID!) { order(id: $id) {
  updatedAt displayFinancialStatus displayFulfillmentStatus tags
  lineItems(first: 10) { nodes { id sku quantity currentQuantity unfulfilledQuantity fulfillableQuantity variant { id } } }
  fulfillmentOrders(first: 5) { nodes { id status assignedLocation { location { id } } lineItems(first: 10) { nodes { id totalQuantity remainingQuantity lineItem { id } } } } }
} }`;
const BEGIN = `mutation($id: ID!) { orderEditBegin(id: $id) {
  calculatedOrder { id originalOrder { id } lineItems(first: 10) { nodes { id quantity editableQuantity sku variant { id } } } }
  orderEditSession { id }
  userErrors { field message }
} }`;
const SET_QUANTITY = `mutation($id: ID!, $lineItemId: ID!, $quantity: Int!, $restock: Boolean) {
  orderEditSetQuantity(id: $id, lineItemId: $lineItemId, quantity: $quantity, restock: $restock) {
    calculatedLineItem { id quantity restocking stagedChanges { __typename ... on OrderStagedChangeDecrementItem { delta restock } ... on OrderStagedChangeIncrementItem { delta } } }
    calculatedOrder { id subtotalLineItemsQuantity }
    userErrors { field message }
  }
}`;
const ADD_VARIANT = `mutation($id: ID!, $variantId: ID!, $quantity: Int!, $locationId: ID, $allowDuplicates: Boolean) {
  orderEditAddVariant(id: $id, variantId: $variantId, quantity: $quantity, locationId: $locationId, allowDuplicates: $allowDuplicates) {
    calculatedLineItem { id quantity sku variant { id } }
    calculatedOrder { addedLineItems(first: 5) { nodes { id quantity } } stagedChanges(first: 10) { nodes { __typename ... on OrderStagedChangeAddVariant { quantity variant { id } } } } }
    userErrors { field message }
  }
}`;
const COMMIT = `mutation($id: ID!, $staffNote: String) {
  orderEditCommit(id: $id, notifyCustomer: false, staffNote: $staffNote) {
    order { id lineItems(first: 10) { nodes { id sku quantity currentQuantity } } }
    userErrors { field message }
  }
}`;

describe('order import flow: mark as paid, tags, order editing', () => {
  let h: SandboxHarness;
  let shop: string;
  let token: string;
  let main: string;
  let second: string;
  let variants: { id: string; sku: string; inventoryItem: { id: string } }[];
  let receiver: Server;
  const received: Received[] = [];
  let offset = 0;

  const gql = async (query: string, variables?: Record<string, unknown>) => {
    const res = await h.gql(shop, token, query, variables);
    expect(res.body.errors).toBeUndefined();
    return res.body.data;
  };
  // The sandbox stamps whole seconds, as Shopify does; moving the clock makes each bump visible.
  const tick = () => (offset += 2000);
  const createOrder = async (lines: { variantId: string; quantity: number }[], extra: Record<string, unknown> = {}) => {
    const data = await gql(ORDER_CREATE, {
      order: { lineItems: lines, ...extra },
      options: { inventoryBehaviour: 'DECREMENT_IGNORING_POLICY' },
    });
    expect(data.orderCreate.userErrors).toEqual([]);
    return data.orderCreate.order;
  };
  const view = async (id: string) => (await gql(ORDER_VIEW, { id })).order;
  const stock = async (variant: number, location: string) => {
    const data = await gql(
      `query($id: ID!, $loc: ID!) { inventoryItem(id: $id) { inventoryLevel(locationId: $loc) { quantities(names: ["available", "committed", "on_hand"]) { name quantity } } } }`,
      { id: variants[variant]?.inventoryItem.id, loc: location },
    );
    const level = data.inventoryItem.inventoryLevel;
    return level ? Object.fromEntries(level.quantities.map((q: { name: string; quantity: number }) => [q.name, q.quantity])) : null;
  };
  const hooks = async (topic: string) => {
    await h.server.webhooks.idle();
    return received.filter((r) => r.headers['x-shopify-topic'] === topic).map((r) => parse(r.body) as any);
  };

  beforeAll(async () => {
    receiver = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString('utf8')));
      req.on('end', () => {
        received.push({ headers: req.headers, body });
        res.writeHead(200).end('ok');
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    const uri = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/webhooks`;
    h = await SandboxHarness.start({ now: () => Date.now() + offset });
    ({ shop, staffAccessToken: token } = await h.createShop('edits-shop', { locations: ['A main', 'B second'] }));
    const locations = (await gql('{ locations(first: 5) { nodes { id name } } }')).locations.nodes;
    main = locations[0].id;
    second = locations[1].id;
    const product = await seedProduct(h, shop, token, main, [
      { sku: 'ED-1', qty: 20 },
      { sku: 'ED-2', qty: 20 },
      { sku: 'ED-3', qty: 20 },
    ]);
    variants = product.variants.nodes;
    for (const topic of ['ORDERS_UPDATED', 'ORDERS_PAID', 'ORDERS_EDITED']) {
      const res = await gql(
        `mutation($topic: WebhookSubscriptionTopic!, $uri: String!) { webhookSubscriptionCreate(topic: $topic, webhookSubscription: { uri: $uri, format: JSON }) { webhookSubscription { topic } userErrors { message } } }`,
        { topic, uri },
      );
      expect(res.webhookSubscriptionCreate).toEqual({ webhookSubscription: { topic }, userErrors: [] });
    }
  });
  afterAll(async () => {
    await h.stop();
    await new Promise((resolve) => receiver.close(resolve));
  });
  beforeEach(async () => {
    await h.server.webhooks.idle();
    received.length = 0;
  });

  describe('orderMarkAsPaid', () => {
    it('marks a pending order paid, bumps updatedAt and sends orders/paid and orders/updated', async () => {
      const order = await createOrder([{ variantId: variants[0]?.id ?? '', quantity: 1 }]);
      await hooks('orders/updated');
      received.length = 0;
      tick();
      const data = await gql(
        `mutation($input: OrderMarkAsPaidInput!) { orderMarkAsPaid(input: $input) { order { id displayFinancialStatus updatedAt } userErrors { field message } } }`,
        {
          input: { id: order.id },
        },
      );
      expect(data.orderMarkAsPaid.userErrors).toEqual([]);
      expect(data.orderMarkAsPaid.order.displayFinancialStatus).toBe('PAID');
      expect(data.orderMarkAsPaid.order.updatedAt > order.updatedAt).toBe(true);
      const paid = await hooks('orders/paid');
      const updated = await hooks('orders/updated');
      expect(paid).toHaveLength(1);
      expect(updated).toHaveLength(1);
      expect(paid[0].financial_status).toBe('paid');
      expect(updated[0].updated_at).toBe(data.orderMarkAsPaid.order.updatedAt);
    });

    it('refuses an order that is already paid, and an unknown order', async () => {
      const order = await createOrder([{ variantId: variants[0]?.id ?? '', quantity: 1 }], { financialStatus: 'PAID' });
      // orderCreate itself announces orders/paid for an order created paid.
      expect(await hooks('orders/paid')).toHaveLength(1);
      received.length = 0;
      const mutation = `mutation($id: ID!) { orderMarkAsPaid(input: { id: $id }) { order { id } userErrors { field message } } }`;
      const again = await gql(mutation, { id: order.id });
      expect(again.orderMarkAsPaid).toEqual({ order: null, userErrors: [{ field: ['id'], message: 'Order cannot be marked as paid.' }] });
      const missing = await gql(mutation, { id: 'gid://shopify/Order/1' });
      expect(missing.orderMarkAsPaid.userErrors).toEqual([{ field: ['id'], message: 'Order does not exist' }]);
      expect(await hooks('orders/paid')).toHaveLength(0);
    });
  });

  describe('tagsAdd / tagsRemove', () => {
    const ADD = `mutation($id: ID!, $tags: [String!]!) { tagsAdd(id: $id, tags: $tags) { node { id ... on Order { tags updatedAt } } userErrors { field message } } }`;
    const REMOVE = `mutation($id: ID!, $tags: [String!]!) { tagsRemove(id: $id, tags: $tags) { node { id ... on Order { tags } } userErrors { field message } } }`;

    it('adds (lists or comma-separated) and removes order tags, announcing orders/updated only on a change', async () => {
      const order = await createOrder([{ variantId: variants[0]?.id ?? '', quantity: 1 }], { tags: ['wms'] });
      await hooks('orders/updated');
      received.length = 0;
      tick();
      const added = await gql(ADD, { id: order.id, tags: ['imported', 'batch-7, WMS'] });
      expect(added.tagsAdd.userErrors).toEqual([]);
      expect(added.tagsAdd.node).toMatchObject({ id: order.id, tags: ['wms', 'imported', 'batch-7'] });
      expect(added.tagsAdd.node.updatedAt > order.updatedAt).toBe(true);
      const updated = await hooks('orders/updated');
      expect(updated.map((u) => u.tags)).toEqual(['wms, imported, batch-7']);

      received.length = 0;
      const unchanged = await gql(ADD, { id: order.id, tags: ['imported'] });
      expect(unchanged.tagsAdd.node.tags).toEqual(['wms', 'imported', 'batch-7']);
      expect(await hooks('orders/updated')).toHaveLength(0);

      const removed = await gql(REMOVE, { id: order.id, tags: ['IMPORTED', 'wms'] });
      expect(removed.tagsRemove).toEqual({ node: { id: order.id, tags: ['batch-7'] }, userErrors: [] });
      expect(await hooks('orders/updated')).toHaveLength(1);
    });

    it('refuses unknown orders and resources that cannot be tagged', async () => {
      const missing = await gql(ADD, { id: 'gid://shopify/Order/1', tags: ['x'] });
      expect(missing.tagsAdd).toEqual({ node: null, userErrors: [{ field: ['id'], message: 'Order does not exist' }] });
      const location = await gql(REMOVE, { id: main, tags: ['x'] });
      expect(location.tagsRemove).toEqual({ node: null, userErrors: [{ field: ['id'], message: 'Resource not found' }] });
    });
  });

  describe('order editing', () => {
    it('begins an edit with calculated lines keyed by line item id', async () => {
      const order = await createOrder([
        { variantId: variants[0]?.id ?? '', quantity: 3 },
        { variantId: variants[1]?.id ?? '', quantity: 2 },
      ]);
      const data = await gql(BEGIN, { id: order.id });
      const calc = data.orderEditBegin.calculatedOrder;
      expect(data.orderEditBegin.userErrors).toEqual([]);
      expect(calc.id).toMatch(/^gid:\/\/shopify\/CalculatedOrder\/\d+$/);
      expect(data.orderEditBegin.orderEditSession.id).toBe(calc.id.replace('CalculatedOrder', 'OrderEditSession'));
      expect(calc.originalOrder.id).toBe(order.id);
      expect(calc.lineItems.nodes).toEqual(
        order.lineItems.nodes.map((li: any, i: number) => ({
          id: li.id.replace('/LineItem/', '/CalculatedLineItem/'),
          quantity: li.quantity,
          editableQuantity: li.quantity,
          sku: li.sku,
          variant: { id: variants[i]?.id },
        })),
      );
    });

    it('commits quantity changes and an added variant: lines, fulfillment orders, stock, webhooks', async () => {
      const order = await createOrder([
        { variantId: variants[0]?.id ?? '', quantity: 3 },
        { variantId: variants[1]?.id ?? '', quantity: 2 },
      ]);
      const [one, two] = order.lineItems.nodes;
      const stockBefore = [await stock(0, main), await stock(1, main)];
      const calc = (await gql(BEGIN, { id: order.id })).orderEditBegin.calculatedOrder;
      const cli = (li: any) => li.id.replace('/LineItem/', '/CalculatedLineItem/');

      const less = await gql(SET_QUANTITY, { id: calc.id, lineItemId: cli(one), quantity: 1, restock: true });
      expect(less.orderEditSetQuantity.userErrors).toEqual([]);
      expect(less.orderEditSetQuantity.calculatedLineItem).toEqual({
        id: cli(one),
        quantity: 1,
        restocking: true,
        stagedChanges: [{ __typename: 'OrderStagedChangeDecrementItem', delta: 2, restock: true }],
      });
      const gone = await gql(SET_QUANTITY, { id: calc.id, lineItemId: cli(two), quantity: 0, restock: false });
      expect(gone.orderEditSetQuantity.calculatedOrder.subtotalLineItemsQuantity).toBe(1);
      const added = await gql(ADD_VARIANT, { id: calc.id, variantId: variants[2]?.id, quantity: 4, locationId: second });
      expect(added.orderEditAddVariant.userErrors).toEqual([]);
      expect(added.orderEditAddVariant.calculatedLineItem).toMatchObject({ quantity: 4, sku: 'ED-3', variant: { id: variants[2]?.id } });
      expect(added.orderEditAddVariant.calculatedOrder.stagedChanges.nodes).toEqual(
        expect.arrayContaining([{ __typename: 'OrderStagedChangeAddVariant', quantity: 4, variant: { id: variants[2]?.id } }]),
      );

      tick();
      const committed = await gql(COMMIT, { id: calc.id, staffNote: 'customer called' });
      expect(committed.orderEditCommit.userErrors).toEqual([]);
      const lines = committed.orderEditCommit.order.lineItems.nodes;
      expect(lines).toHaveLength(3);
      expect(lines[0]).toEqual({ id: one.id, sku: 'ED-1', quantity: 3, currentQuantity: 1 });
      expect(lines[1]).toEqual({ id: two.id, sku: 'ED-2', quantity: 2, currentQuantity: 0 });
      expect(lines[2]).toMatchObject({ sku: 'ED-3', quantity: 4, currentQuantity: 4 });

      const after = await view(order.id);
      expect(after.updatedAt > order.updatedAt).toBe(true);
      const fos = after.fulfillmentOrders.nodes;
      const atMain = fos.find((fo: any) => fo.assignedLocation.location.id === main);
      const atSecond = fos.find((fo: any) => fo.assignedLocation.location.id === second);
      expect(atMain.status).toBe('OPEN');
      expect(atMain.lineItems.nodes.map((l: any) => [l.lineItem.id, l.totalQuantity, l.remainingQuantity])).toEqual([
        [one.id, 1, 1],
        [two.id, 0, 0],
      ]);
      expect(atSecond).toMatchObject({
        status: 'OPEN',
        lineItems: { nodes: [{ lineItem: { id: lines[2].id }, totalQuantity: 4, remainingQuantity: 4 }] },
      });
      // Restocked units return to available; the unrestocked removal writes its committed units off.
      expect(await stock(0, main)).toEqual({
        ...stockBefore[0],
        available: stockBefore[0]?.available + 2,
        committed: stockBefore[0]?.committed - 2,
      });
      expect(await stock(1, main)).toEqual({
        available: stockBefore[1]?.available,
        committed: stockBefore[1]?.committed - 2,
        on_hand: stockBefore[1]?.on_hand - 2,
      });
      expect(await stock(2, second)).toEqual({ available: -4, committed: 4, on_hand: 0 });

      const [edited] = await hooks('orders/edited');
      expect(edited.order_edit).toMatchObject({ notify_customer: false, staff_note: 'customer called', user_id: null, app_id: null });
      expect(`gid://shopify/CalculatedOrder/${edited.order_edit.id.toString()}`).toBe(calc.id);
      expect(`gid://shopify/Order/${edited.order_edit.order_id.toString()}`).toBe(order.id);
      const ids = (list: any[]) => list.map((d) => [`gid://shopify/LineItem/${d.id.toString()}`, Number(d.delta)]);
      expect(ids(edited.order_edit.line_items.additions)).toEqual([[lines[2].id, 4]]);
      expect(ids(edited.order_edit.line_items.removals)).toEqual([
        [one.id, 2],
        [two.id, 2],
      ]);
      const updated = (await hooks('orders/updated')).pop();
      expect(
        updated.line_items.map((l: any) => [l.sku, Number(l.quantity), Number(l.current_quantity), Number(l.fulfillable_quantity)]),
      ).toEqual([
        ['ED-1', 3, 1, 1],
        ['ED-2', 2, 0, 0],
        ['ED-3', 4, 4, 4],
      ]);
      expect(updated.updated_at).toBe(after.updatedAt);
    });

    it('increments an existing line on its fulfillment order and closes a fulfillment order left empty', async () => {
      const order = await createOrder([{ variantId: variants[0]?.id ?? '', quantity: 1 }]);
      const [one] = order.lineItems.nodes;
      const cli = one.id.replace('/LineItem/', '/CalculatedLineItem/');
      let calc = (await gql(BEGIN, { id: order.id })).orderEditBegin.calculatedOrder;
      const more = await gql(SET_QUANTITY, { id: calc.id, lineItemId: cli, quantity: 3 });
      expect(more.orderEditSetQuantity.calculatedLineItem.stagedChanges).toEqual([
        { __typename: 'OrderStagedChangeIncrementItem', delta: 2 },
      ]);
      await gql(COMMIT, { id: calc.id });
      let after = await view(order.id);
      expect(after.lineItems.nodes[0]).toMatchObject({ quantity: 3, currentQuantity: 3, unfulfilledQuantity: 3 });
      expect(after.fulfillmentOrders.nodes).toHaveLength(1);
      expect(after.fulfillmentOrders.nodes[0].lineItems.nodes[0]).toMatchObject({ totalQuantity: 3, remainingQuantity: 3 });
      expect((await hooks('orders/edited')).pop().order_edit.line_items.additions.map((a: any) => Number(a.delta))).toEqual([2]);

      calc = (await gql(BEGIN, { id: order.id })).orderEditBegin.calculatedOrder;
      await gql(SET_QUANTITY, { id: calc.id, lineItemId: cli, quantity: 0, restock: true });
      await gql(COMMIT, { id: calc.id });
      after = await view(order.id);
      expect(after.lineItems.nodes[0]).toMatchObject({ quantity: 3, currentQuantity: 0, fulfillableQuantity: 0 });
      expect(after.fulfillmentOrders.nodes[0]).toMatchObject({
        status: 'CLOSED',
        lineItems: { nodes: [{ totalQuantity: 0, remainingQuantity: 0 }] },
      });
      // A removed line is no longer part of a new edit.
      const next = (await gql(BEGIN, { id: order.id })).orderEditBegin.calculatedOrder;
      expect(next.lineItems.nodes).toEqual([]);
    });

    it('refuses unknown ids, bad quantities, duplicates, cancelled orders and committed edits', async () => {
      const order = await createOrder([{ variantId: variants[0]?.id ?? '', quantity: 2 }]);
      const [one] = order.lineItems.nodes;
      const cli = one.id.replace('/LineItem/', '/CalculatedLineItem/');
      expect((await gql(BEGIN, { id: 'gid://shopify/Order/1' })).orderEditBegin).toEqual({
        calculatedOrder: null,
        orderEditSession: null,
        userErrors: [{ field: ['id'], message: 'Order does not exist' }],
      });
      const calc = (await gql(BEGIN, { id: order.id })).orderEditBegin.calculatedOrder;
      const setQ = async (vars: Record<string, unknown>) =>
        (await gql(SET_QUANTITY, { id: calc.id, lineItemId: cli, quantity: 1, ...vars })).orderEditSetQuantity.userErrors;
      expect(await setQ({ id: 'gid://shopify/CalculatedOrder/1' })).toEqual([
        { field: ['id'], message: 'The calculated order does not exist.' },
      ]);
      expect(await setQ({ lineItemId: 'gid://shopify/CalculatedLineItem/1' })).toEqual([
        { field: ['lineItemId'], message: 'The line item does not exist.' },
      ]);
      expect(await setQ({ quantity: -1 })).toEqual([{ field: ['quantity'], message: 'Quantity must be greater than or equal to 0.' }]);
      const addV = async (vars: Record<string, unknown>) =>
        (await gql(ADD_VARIANT, { id: calc.id, variantId: variants[1]?.id, quantity: 1, ...vars })).orderEditAddVariant.userErrors;
      expect(await addV({ variantId: 'gid://shopify/ProductVariant/1' })).toEqual([
        { field: ['variantId'], message: 'Variant does not exist' },
      ]);
      expect(await addV({ quantity: 0 })).toEqual([{ field: ['quantity'], message: 'Quantity must be greater than 0.' }]);
      expect(await addV({ locationId: 'gid://shopify/Location/1' })).toEqual([
        { field: ['locationId'], message: 'Location does not exist' },
      ]);
      expect(await addV({ variantId: variants[0]?.id })).toEqual([{ field: ['variantId'], message: 'Variant is already on the order.' }]);
      expect(await addV({ variantId: variants[0]?.id, allowDuplicates: true })).toEqual([]);

      // Shipping one unit makes it uneditable.
      const fo = (await view(order.id)).fulfillmentOrders.nodes[0];
      const shipped = await gql(`mutation($f: FulfillmentInput!) { fulfillmentCreate(fulfillment: $f) { userErrors { message } } }`, {
        f: {
          lineItemsByFulfillmentOrder: [
            { fulfillmentOrderId: fo.id, fulfillmentOrderLineItems: [{ id: fo.lineItems.nodes[0].id, quantity: 1 }] },
          ],
        },
      });
      expect(shipped.fulfillmentCreate.userErrors).toEqual([]);
      const fresh = (await gql(BEGIN, { id: order.id })).orderEditBegin.calculatedOrder;
      const below = await gql(SET_QUANTITY, { id: fresh.id, lineItemId: cli, quantity: 0 });
      expect(below.orderEditSetQuantity.userErrors).toEqual([
        { field: ['quantity'], message: 'Quantity cannot be less than the fulfilled quantity (1).' },
      ]);
      const ok = await gql(SET_QUANTITY, { id: fresh.id, lineItemId: cli, quantity: 1 });
      expect(ok.orderEditSetQuantity.userErrors).toEqual([]);
      expect((await gql(COMMIT, { id: fresh.id })).orderEditCommit.userErrors).toEqual([]);
      expect((await view(order.id)).displayFulfillmentStatus).toBe('FULFILLED');
      expect((await gql(COMMIT, { id: fresh.id })).orderEditCommit).toEqual({
        order: null,
        userErrors: [{ field: ['id'], message: 'The calculated order has already been committed.' }],
      });

      const other = await createOrder([{ variantId: variants[0]?.id ?? '', quantity: 1 }]);
      const pending = (await gql(BEGIN, { id: other.id })).orderEditBegin.calculatedOrder;
      await gql(
        `mutation($id: ID!) { orderCancel(orderId: $id, reason: CUSTOMER, refund: false, restock: true) { userErrors { message } } }`,
        { id: other.id },
      );
      expect((await gql(BEGIN, { id: other.id })).orderEditBegin.userErrors).toEqual([
        { field: ['id'], message: 'Canceled orders cannot be edited.' },
      ]);
      expect((await gql(COMMIT, { id: pending.id })).orderEditCommit.userErrors).toEqual([
        { field: ['id'], message: 'Canceled orders cannot be edited.' },
      ]);
    });
  });

  describe('reading orders back for the import flow', () => {
    it('serves fulfillment orders through nodes(ids:) and filters orders by updated_at and created_at with >=', async () => {
      tick();
      const since = new Date(Date.now() + offset).toISOString().replace(/\.\d{3}Z$/, 'Z');
      const order = await createOrder([{ variantId: variants[0]?.id ?? '', quantity: 2 }]);
      const nodes = await gql(
        `query($ids: [ID!]!) { nodes(ids: $ids) { ... on Order { id fulfillmentOrders(first: 5) { nodes { id status assignedLocation { location { id } } lineItems(first: 50) { nodes { id totalQuantity remainingQuantity lineItem { id } } } } } } } }`,
        { ids: [order.id, 'gid://shopify/Order/1'] },
      );
      expect(nodes.nodes[1]).toBeNull();
      expect(nodes.nodes[0].fulfillmentOrders.nodes[0]).toMatchObject({
        status: 'OPEN',
        assignedLocation: { location: { id: main } },
        lineItems: { nodes: [{ totalQuantity: 2, remainingQuantity: 2, lineItem: { id: order.lineItems.nodes[0].id } }] },
      });
      const ids = async (query: string) =>
        (
          await gql(`query($q: String) { orders(first: 50, query: $q, sortKey: UPDATED_AT) { nodes { id } } }`, { q: query })
        ).orders.nodes.map((n: { id: string }) => n.id);
      expect(await ids(`updated_at:>='${since}'`)).toEqual([order.id]);
      expect(await ids(`created_at:>=${since}`)).toEqual([order.id]);
      expect(await ids(`updated_at:>'${since}'`)).toEqual([]);
      expect(await ids(`created_at:<${since}`)).not.toContain(order.id);
    });

    it('runs a bulk query over orders and line items, with __parentId children', async () => {
      const order = await createOrder([
        { variantId: variants[0]?.id ?? '', quantity: 1 },
        { variantId: variants[1]?.id ?? '', quantity: 2 },
      ]);
      const query = `{ orders(query: "updated_at:>='${(await view(order.id)).updatedAt}'") { edges { node { id updatedAt lineItems { edges { node { id sku currentQuantity variant { id } } } } } } } }`;
      const run = await gql(
        `mutation($q: String!) { bulkOperationRunQuery(query: $q) { bulkOperation { id } userErrors { field message } } }`,
        { q: query },
      );
      expect(run.bulkOperationRunQuery.userErrors).toEqual([]);
      const op = (
        await gql(`query($id: ID!) { node(id: $id) { ... on BulkOperation { status url } } }`, {
          id: run.bulkOperationRunQuery.bulkOperation.id,
        })
      ).node;
      expect(op.status).toBe('COMPLETED');
      const lines = (await (await fetch(op.url)).text())
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l));
      const root = lines.find((l) => l.id === order.id);
      expect(root.__parentId).toBeUndefined();
      expect(lines.filter((l) => l.__parentId === order.id)).toEqual(
        order.lineItems.nodes.map((li: any, i: number) => ({
          id: li.id,
          sku: li.sku,
          currentQuantity: li.quantity,
          variant: { id: variants[i]?.id },
          __parentId: order.id,
        })),
      );
    });
  });
});
