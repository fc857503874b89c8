import { firstLocation, SandboxHarness, seedProduct } from './sandbox-test.harness';

// Checklist items the other specs do not reach: productCreate + productVariantsBulkCreate, inventoryItems,
// search by status/updated_at, subscription update/list, bulkOperations, tracking updates, BYPASS orders,
// the advanced plan's bucket, and variable errors after the coercion fast path.
describe('catalog writes, subscriptions, tracking and pricing edges', () => {
  let h: SandboxHarness;
  let shop: string;
  let token: string;
  let location: string;

  beforeAll(async () => {
    h = await SandboxHarness.start();
    ({ shop, staffAccessToken: token } = await h.createShop('coverage-shop', { plan: 'advanced' }));
    location = await firstLocation(h, shop, token);
  });
  afterAll(() => h.stop());

  it('creates a product, bulk-creates stocked variants, and finds them by sku, status and updated_at', async () => {
    const created = await h.gql(
      shop,
      token,
      `mutation($p: ProductCreateInput!) { productCreate(product: $p) { product { id status } userErrors { field message } } }`,
      {
        p: { title: 'Cap', status: 'DRAFT', productOptions: [{ name: 'Color', values: [{ name: 'Red' }, { name: 'Blue' }] }] },
      },
    );
    expect(created.body.data.productCreate.userErrors).toEqual([]);
    const product = created.body.data.productCreate.product;
    expect(product.status).toBe('DRAFT');
    const bulk = await h.gql(
      shop,
      token,
      `mutation($id: ID!, $v: [ProductVariantsBulkInput!]!) {
      productVariantsBulkCreate(productId: $id, variants: $v, strategy: REMOVE_STANDALONE_VARIANT) {
        productVariants { id sku inventoryItem { id } } userErrors { field message }
      } }`,
      {
        id: product.id,
        v: ['Red', 'Blue'].map((color) => ({
          optionValues: [{ optionName: 'Color', name: color }],
          price: '12.00',
          inventoryItem: { sku: `CAP-${color.toUpperCase()}`, tracked: true },
          inventoryQuantities: [{ locationId: location, availableQuantity: color === 'Red' ? 4 : 6 }],
        })),
      },
    );
    expect(bulk.body.data.productVariantsBulkCreate.userErrors).toEqual([]);
    expect(bulk.body.data.productVariantsBulkCreate.productVariants.map((v: { sku: string }) => v.sku)).toEqual(['CAP-RED', 'CAP-BLUE']);

    const items = await h.gql(
      shop,
      token,
      `{ inventoryItems(first: 5, query: "sku:CAP-BLUE") { nodes { sku inventoryLevels(first: 2) { nodes { quantities(names: ["available"]) { quantity } } } } } }`,
    );
    expect(items.body.data.inventoryItems.nodes).toEqual([
      { sku: 'CAP-BLUE', inventoryLevels: { nodes: [{ quantities: [{ quantity: 6 }] }] } },
    ]);

    await seedProduct(h, shop, token, location, [{ sku: 'ACTIVE-1', qty: 1 }], 'Active shirt');
    const drafts = await h.gql(shop, token, '{ products(first: 10, query: "status:draft") { nodes { title } } }');
    expect(drafts.body.data.products.nodes).toEqual([{ title: 'Cap' }]);
    const recent = await h.gql(shop, token, '{ products(first: 10, query: "updated_at:>2000-01-01T00:00:00Z") { nodes { title } } }');
    expect(recent.body.data.products.nodes.map((p: { title: string }) => p.title).sort()).toEqual(['Active shirt', 'Cap']);
    const none = await h.gql(shop, token, '{ products(first: 10, query: "updated_at:>2999-01-01") { nodes { title } } }');
    expect(none.body.data.products.nodes).toEqual([]);
  });

  it('lists, updates and deletes webhook subscriptions', async () => {
    const create = await h.gql(
      shop,
      token,
      `mutation { webhookSubscriptionCreate(topic: ORDERS_UPDATED, webhookSubscription: { uri: "https://hooks.example/a", format: JSON }) { webhookSubscription { id } userErrors { message } } }`,
    );
    const id = create.body.data.webhookSubscriptionCreate.webhookSubscription.id as string;
    const update = await h.gql(
      shop,
      token,
      `mutation($id: ID!) { webhookSubscriptionUpdate(id: $id, webhookSubscription: { uri: "https://hooks.example/b" }) { webhookSubscription { id uri } userErrors { message } } }`,
      { id },
    );
    expect(update.body.data.webhookSubscriptionUpdate).toEqual({
      webhookSubscription: { id, uri: 'https://hooks.example/b' },
      userErrors: [],
    });
    const listed = await h.gql(
      shop,
      token,
      '{ webhookSubscriptions(first: 10, topics: [ORDERS_UPDATED]) { nodes { id topic uri } pageInfo { hasNextPage } } }',
    );
    expect(listed.body.data.webhookSubscriptions).toEqual({
      nodes: [{ id, topic: 'ORDERS_UPDATED', uri: 'https://hooks.example/b' }],
      pageInfo: { hasNextPage: false },
    });
    const removed = await h.gql(
      shop,
      token,
      `mutation($id: ID!) { webhookSubscriptionDelete(id: $id) { deletedWebhookSubscriptionId userErrors { message } } }`,
      { id },
    );
    expect(removed.body.data.webhookSubscriptionDelete).toEqual({ deletedWebhookSubscriptionId: id, userErrors: [] });
    const empty = await h.gql(shop, token, '{ webhookSubscriptions(first: 10) { nodes { id } } }');
    expect(empty.body.data.webhookSubscriptions.nodes).toEqual([]);
  });

  it('lists bulk operations after running one', async () => {
    const run = await h.gql(
      shop,
      token,
      'mutation { bulkOperationRunQuery(query: "{ products { edges { node { id } } } }") { bulkOperation { id } userErrors { message } } }',
    );
    const id = run.body.data.bulkOperationRunQuery.bulkOperation.id as string;
    await h.server.webhooks.idle();
    const listed = await h.gql(shop, token, '{ bulkOperations(first: 5) { nodes { id type } } }');
    expect(listed.body.data.bulkOperations.nodes).toEqual(expect.arrayContaining([{ id, type: 'QUERY' }]));
  });

  it('creates a BYPASS order for an existing customer (no stock committed) and updates its tracking', async () => {
    const [variant] = (await seedProduct(h, shop, token, location, [{ sku: 'BYP-1', qty: 3 }], 'Bypass mug')).variants.nodes;
    const first = await h.gql(
      shop,
      token,
      `mutation($o: OrderCreateOrderInput!) { orderCreate(order: $o) { order { customer { id } } userErrors { message } } }`,
      {
        o: { lineItems: [{ title: 'Card', quantity: 1 }], customer: { toUpsert: { email: 'bo@example.com' } } },
      },
    );
    const customerId = first.body.data.orderCreate.order.customer.id as string;
    const res = await h.gql(
      shop,
      token,
      `mutation($o: OrderCreateOrderInput!, $opt: OrderCreateOptionsInput) {
      orderCreate(order: $o, options: $opt) { order { id customer { id email } fulfillmentOrders(first: 1) { nodes { id lineItems(first: 1) { nodes { id } } } } } userErrors { message } } }`,
      {
        o: { lineItems: [{ variantId: variant?.id, quantity: 2 }], customer: { toAssociate: { id: customerId } } },
        opt: { inventoryBehaviour: 'BYPASS' },
      },
    );
    expect(res.body.data.orderCreate.userErrors).toEqual([]);
    const order = res.body.data.orderCreate.order;
    expect(order.customer).toEqual({ id: customerId, email: 'bo@example.com' });
    const levels = await h.gql(
      shop,
      token,
      `{ inventoryItem(id: "${variant?.inventoryItem.id}") { inventoryLevel(locationId: "${location}") { quantities(names: ["available", "committed"]) { name quantity } } } }`,
    );
    expect(levels.body.data.inventoryItem.inventoryLevel.quantities).toEqual([
      { name: 'available', quantity: 3 },
      { name: 'committed', quantity: 0 },
    ]);

    const fo = order.fulfillmentOrders.nodes[0];
    const fulfilled = await h.gql(
      shop,
      token,
      `mutation($f: FulfillmentInput!) { fulfillmentCreate(fulfillment: $f) { fulfillment { id } userErrors { message } } }`,
      {
        f: { lineItemsByFulfillmentOrder: [{ fulfillmentOrderId: fo.id }], trackingInfo: { company: 'DHL', number: 'OLD' } },
      },
    );
    const fulfillmentId = fulfilled.body.data.fulfillmentCreate.fulfillment.id as string;
    const tracked = await h.gql(
      shop,
      token,
      `mutation($id: ID!) { fulfillmentTrackingInfoUpdate(fulfillmentId: $id, trackingInfoInput: { company: "DHL", number: "NEW-1", url: "https://dhl.example/NEW-1" }, notifyCustomer: true) { fulfillment { trackingInfo { company number url } } userErrors { message } } }`,
      { id: fulfillmentId },
    );
    expect(tracked.body.data.fulfillmentTrackingInfoUpdate).toEqual({
      fulfillment: { trackingInfo: [{ company: 'DHL', number: 'NEW-1', url: 'https://dhl.example/NEW-1' }] },
      userErrors: [],
    });
  });

  it('prices against the advanced plan bucket (4000 points, 200/s)', async () => {
    const res = await h.gql(shop, token, '{ shop { name } }');
    expect(res.body.extensions.cost.throttleStatus).toMatchObject({ maximumAvailable: 4000, restoreRate: 200 });
  });

  it('refuses invalid nested variables with INVALID_VARIABLE and charges nothing, also for a cached document', async () => {
    const SET = `mutation($input: InventorySetQuantitiesInput!) { inventorySetQuantities(input: $input) @idempotent(key: "bad-1") { userErrors { message } } }`;
    const before = (await h.gql(shop, token, '{ shop { name } }')).body.extensions.cost.throttleStatus.currentlyAvailable as number;
    for (let i = 0; i < 2; i++) {
      const res = await h.gql(shop, token, SET, {
        input: {
          name: 'available',
          reason: 'correction',
          quantities: [
            { inventoryItemId: 'gid://shopify/InventoryItem/1', locationId: location, quantity: 'ten', changeFromQuantity: null },
          ],
        },
      });
      expect(res.body.data).toBeUndefined();
      expect(res.body.extensions).toBeUndefined();
      expect(res.body.errors[0]).toMatchObject({ extensions: { code: 'INVALID_VARIABLE' } });
      expect(res.body.errors[0].message).toContain('quantities[0].quantity');
    }
    const after = (await h.gql(shop, token, '{ shop { name } }')).body.extensions.cost.throttleStatus.currentlyAvailable as number;
    expect(after).toBeGreaterThanOrEqual(before - 1);
  });
});
