import { parse } from 'lossless-json';
import { firstLocation, SandboxHarness, seedProduct } from './sandbox-test.harness';

describe('Admin GraphQL', () => {
  let h: SandboxHarness;
  let shop: string;
  let token: string;

  beforeAll(async () => {
    h = await SandboxHarness.start();
    ({ shop, staffAccessToken: token } = await h.createShop('graphql-shop', { plan: 'plus' }));
  });
  afterAll(() => h.stop());

  it('refuses a missing or wrong access token like Shopify', async () => {
    const res = await h.gql(shop, 'nope', '{ shop { name } }');
    expect(res.status).toBe(401);
    expect(res.body).toEqual({ errors: '[API] Invalid API key or access token (unrecognized login or wrong password)' });
  });

  it('answers 404 for an unknown API version', async () => {
    const res = await h.gql(shop, token, '{ shop { name } }', undefined, '2019-01');
    expect(res.status).toBe(404);
  });

  it('refuses a misspelled field through schema validation', async () => {
    const res = await h.gql(shop, token, '{ shop { nmae } }');
    expect(res.status).toBe(200);
    expect(res.body.data).toBeUndefined();
    expect(res.body.errors[0]).toMatchObject({
      message: "Field 'nmae' doesn't exist on type 'Shop'",
      locations: [{ line: 1, column: 10 }],
      extensions: { code: 'undefinedField', typeName: 'Shop', fieldName: 'nmae' },
    });
  });

  it('names a real but unimplemented field instead of answering null', async () => {
    const res = await h.gql(shop, token, '{ shop { name billingAddress { city } } }');
    expect(res.body.errors[0].message).toBe("Field 'Shop.billingAddress' is not implemented by the Gantry sandbox");
    expect(res.body.errors[0].path).toEqual(['shop', 'billingAddress']);
  });

  it('serves shop and locations, reports cost in extensions', async () => {
    const res = await h.gql(
      shop,
      token,
      '{ shop { name myshopifyDomain plan { shopifyPlus } } locations(first: 5) { nodes { id name isActive } pageInfo { hasNextPage endCursor } } }',
    );
    expect(res.body.data.shop).toEqual({
      name: 'graphql-shop',
      myshopifyDomain: 'graphql-shop.myshopify.com',
      plan: { shopifyPlus: true },
    });
    expect(res.body.data.locations.nodes).toEqual([expect.objectContaining({ name: 'Main warehouse', isActive: true })]);
    expect(res.body.data.locations.nodes[0].id).toMatch(/^gid:\/\/shopify\/Location\/\d+$/);
    expect(res.body.extensions.cost).toMatchObject({
      requestedQueryCost: 9,
      actualQueryCost: 5,
      throttleStatus: { maximumAvailable: 20000, restoreRate: 1000 },
    });
  });

  it('issues ids above 2^53 that survive lossless parsing only', async () => {
    const location = await firstLocation(h, shop, token);
    const numeric = location.split('/').pop() as string;
    expect(BigInt(numeric) > 2n ** 53n).toBe(true);
    const product = await seedProduct(h, shop, token, location, [{ sku: 'BIG-1', qty: 1 }], 'Big ids');
    const res = await h.gql(shop, token, `{ product(id: "${product.id}") { legacyResourceId } }`);
    const exact = parse(res.text) as { data: { product: { legacyResourceId: string } } };
    expect(exact.data.product.legacyResourceId).toBe(product.id.split('/').pop());
  });

  it('paginates products with cursors and searches by sku and barcode', async () => {
    const location = await firstLocation(h, shop, token);
    for (let i = 0; i < 3; i++) {
      await seedProduct(h, shop, token, location, [{ sku: `PAGE-${i}`, qty: i, barcode: `BC${i}` }], `Page ${i}`);
    }
    const page1 = await h.gql(
      shop,
      token,
      '{ products(first: 2, query: "sku:PAGE-*") { nodes { title } pageInfo { hasNextPage endCursor } } }',
    );
    expect(page1.body.data.products.nodes.map((n: { title: string }) => n.title)).toEqual(['Page 0', 'Page 1']);
    expect(page1.body.data.products.pageInfo.hasNextPage).toBe(true);
    const page2 = await h.gql(
      shop,
      token,
      'query($after: String) { products(first: 2, after: $after, query: "sku:PAGE-*") { nodes { title } pageInfo { hasNextPage } } }',
      { after: page1.body.data.products.pageInfo.endCursor },
    );
    expect(page2.body.data.products).toEqual({ nodes: [{ title: 'Page 2' }], pageInfo: { hasNextPage: false } });
    const byBarcode = await h.gql(
      shop,
      token,
      '{ productVariants(first: 5, query: "barcode:BC1") { nodes { sku barcode product { title } inventoryItem { tracked inventoryLevels(first: 5) { nodes { quantities(names: ["available", "on_hand"]) { name quantity } } } } } } }',
    );
    expect(byBarcode.body.data.productVariants.nodes).toEqual([
      {
        sku: 'PAGE-1',
        barcode: 'BC1',
        product: { title: 'Page 1' },
        inventoryItem: {
          tracked: true,
          inventoryLevels: {
            nodes: [
              {
                quantities: [
                  { name: 'available', quantity: 1 },
                  { name: 'on_hand', quantity: 1 },
                ],
              },
            ],
          },
        },
      },
    ]);
  });

  it('refuses a page size above 250 and a connection without first or last', async () => {
    const tooBig = await h.gql(shop, token, '{ products(first: 251) { nodes { id } } }');
    expect(tooBig.body.errors[0].extensions.code).toBe('MAX_PAGE_SIZE_EXCEEDED');
    const none = await h.gql(shop, token, '{ products { nodes { id } } }');
    expect(none.body.errors[0].message).toBe('you must provide one of first or last');
  });

  it('refuses a query whose requested cost exceeds 1000 before running it', async () => {
    const res = await h.gql(shop, token, '{ products(first: 250) { nodes { variants(first: 250) { nodes { id } } } } }');
    expect(res.body.data).toBeUndefined();
    expect(res.body.errors[0].extensions).toMatchObject({ code: 'MAX_COST_EXCEEDED', maxCost: 1000 });
    expect(res.body.extensions.cost.requestedQueryCost).toBe(2 + 250 * (1 + 2 + 250));
  });

  it('works through @shopify/shopify-api with a staff token', async () => {
    const client = SandboxHarness.client(SandboxHarness.shopify(), shop, token);
    const res = await client.request<{ shop: { name: string } }>('query ShopName { shop { name } }');
    expect(res.data?.shop.name).toBe('graphql-shop');
    expect(res.extensions?.cost).toMatchObject({ requestedQueryCost: 1, actualQueryCost: 1 });
  });

  it('logs every Admin API call with its operation name and cost', async () => {
    const log = await h.get(`/__sandbox/shops/${shop}/log`);
    const call = log.calls.find((c: { operationName: string | null }) => c.operationName === 'ShopName');
    expect(call).toMatchObject({ status: 200, requestedCost: 1, actualCost: 1, rootFields: ['shop'], staff: true });
  });
});
