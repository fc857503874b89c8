import { CredentialCipher, Role } from '@gantry/core';
import { SHOPIFY_REQUIRED_SCOPES } from '@gantry/shopify';
import { makeShippingProcess, makeWarehouse } from '@gantry/testing';
import { connectShop, createShop, gql, startShopifyEnv, type ShopifyTestEnv } from './shopify-test.env';

describe('Shopify: many stores, reconnects', () => {
  let env: ShopifyTestEnv;

  beforeAll(async () => {
    env = await startShopifyEnv({ worker: false });
  });
  afterAll(() => env.close());

  const mapFirstLocation = async (storeId: string) => {
    const locations = (await env.t.http().get(`/api/v1/stores/${storeId}/locations`).expect(200)).body as { id: string }[];
    const wh = await makeWarehouse(env.t);
    const sp = await makeShippingProcess(env.t, wh.id);
    const body = [{ locationId: locations[0]?.id, warehouseId: wh.id, shippingProcessId: sp.id, isDefault: true }];
    await env.t.http().put(`/api/v1/stores/${storeId}/location-mappings`).send(body).expect(200);
    return body;
  };

  const seedOne = async (shop: string, staff: string, sku: string) => {
    const res = await gql(env, shop, staff, `mutation($input: ProductSetInput!) { productSet(input: $input) { userErrors { message } } }`, {
      input: {
        title: sku,
        productOptions: [{ name: 'Title', values: [{ name: 'Default Title' }] }],
        variants: [{ optionValues: [{ optionName: 'Title', name: 'Default Title' }], sku, price: '1.00' }],
      },
    });
    expect(res.data.productSet.userErrors).toEqual([]);
  };

  it('connects two shops in parallel, each with its own token, settings and mappings', async () => {
    const [staffA, staffB] = await Promise.all([createShop(env, 'parallel-a.myshopify.com'), createShop(env, 'parallel-b.myshopify.com')]);
    const [a, b] = await Promise.all([connectShop(env, 'parallel-a'), connectShop(env, 'parallel-b')]);
    expect(a).not.toBe(b);
    const rows: { id: string; credentials_encrypted: string }[] = await env.t.dataSource.query(
      `SELECT id, credentials_encrypted FROM store WHERE id = ANY($1::uuid[])`,
      [[a, b]],
    );
    const cipher = env.t.app.get(CredentialCipher);
    const tokens = rows.map((r) => cipher.decryptJson<{ accessToken: string }>(r.credentials_encrypted, r.id).accessToken);
    expect(new Set(tokens).size).toBe(2);

    await env.t.http().patch(`/api/v1/stores/${a}/settings`).send({ createMissingProducts: false }).expect(200);
    const mapA = await mapFirstLocation(a);
    const mapB = await mapFirstLocation(b);
    await seedOne('parallel-a.myshopify.com', staffA, 'PAR-A');
    await seedOne('parallel-b.myshopify.com', staffB, 'PAR-B');
    const [runA, runB] = await Promise.all([
      env.t.http().post(`/api/v1/stores/${a}/product-sync`).expect(200),
      env.t.http().post(`/api/v1/stores/${b}/product-sync`).expect(200),
    ]);
    expect(runA.body.counts).toMatchObject({ created: 0, skipped: 1 });
    expect(runB.body.counts).toMatchObject({ created: 1, skipped: 0 });
    expect((await env.t.http().get(`/api/v1/stores/${a}/location-mappings`).expect(200)).body).toEqual(mapA);
    expect((await env.t.http().get(`/api/v1/stores/${b}/location-mappings`).expect(200)).body).toEqual(mapB);
    expect((await env.t.http().get(`/api/v1/stores/${a}/product-mappings`).expect(200)).body).toEqual([]);
    expect((await env.t.http().get(`/api/v1/stores/${b}/product-mappings`).expect(200)).body).toHaveLength(1);
  });

  it('keeps location and product mappings through a disconnect and a reconnect, and through a scope upgrade', async () => {
    const shop = 'keeper-one.myshopify.com';
    const staff = await createShop(env, shop);
    const limited = SHOPIFY_REQUIRED_SCOPES.filter((s) => s !== 'write_returns');
    const storeId = await connectShop(env, shop, { scope: limited.join(',') });
    expect((await env.t.http().get(`/api/v1/stores/${storeId}`).expect(200)).body).toMatchObject({
      status: 'needs_reauth',
      missingScopes: ['write_returns'],
    });
    const mapping = await mapFirstLocation(storeId);

    expect(await connectShop(env, shop)).toBe(storeId);
    expect((await env.t.http().get(`/api/v1/stores/${storeId}`).expect(200)).body.status).toBe('connected');
    await seedOne(shop, staff, 'KEEP-1');
    const first = await env.t.http().post(`/api/v1/stores/${storeId}/product-sync`).expect(200);
    expect(first.body.counts).toMatchObject({ created: 1 });
    const products = (await env.t.http().get(`/api/v1/stores/${storeId}/product-mappings`).expect(200)).body;

    await env.t.http(Role.INTEGRATION_MANAGER).post(`/api/v1/stores/${storeId}/disconnect`).expect(200);
    await env.t.http().post(`/api/v1/stores/${storeId}/product-sync`).expect(409);
    await env.t.http().get(`/api/v1/stores/${storeId}/locations`).expect(409);
    expect(await connectShop(env, shop)).toBe(storeId);
    expect((await env.t.http().get(`/api/v1/stores/${storeId}/location-mappings`).expect(200)).body).toEqual(mapping);
    expect((await env.t.http().get(`/api/v1/stores/${storeId}/product-mappings`).expect(200)).body).toEqual(products);
    const again = await env.t.http().post(`/api/v1/stores/${storeId}/product-sync`).expect(200);
    expect(again.body.counts).toEqual({ mapped: 0, created: 0, skipped: 0, unchanged: 1 });
  });

  it('reads the first page directly and the rest of a larger catalog through a bulk operation', async () => {
    const shop = 'paging-one.myshopify.com';
    const staff = await createShop(env, shop);
    const storeId = await connectShop(env, shop);
    for (let p = 0; p < 3; p++) {
      const skus = Array.from({ length: 100 }, (_v, i) => `PAGE-${p}-${i}`);
      const res = await gql(
        env,
        shop,
        staff,
        `mutation($input: ProductSetInput!) { productSet(input: $input) { userErrors { message } } }`,
        {
          input: {
            title: `Paged ${p}`,
            productOptions: [{ name: 'Size', values: skus.map((name) => ({ name })) }],
            variants: skus.map((sku) => ({ optionValues: [{ optionName: 'Size', name: sku }], sku, price: '1.00' })),
          },
        },
      );
      expect(res.data.productSet.userErrors).toEqual([]);
    }
    const run = await env.t.http().post(`/api/v1/stores/${storeId}/product-sync`).expect(200);
    expect(run.body.counts).toEqual({ mapped: 0, created: 300, skipped: 0, unchanged: 0 });
    const log = (await (await fetch(`${env.sandboxUrl}/__sandbox/shops/${shop}/log`)).json()) as { calls: unknown[] };
    const calls = log.calls.map((entry) => JSON.stringify(entry));
    expect(calls.filter((c) => c.includes('CatalogPage'))).toHaveLength(1);
    expect(calls.filter((c) => c.includes('RunBulkQuery'))).toHaveLength(1);
    const mappings = (await env.t.http().get(`/api/v1/stores/${storeId}/product-mappings?limit=1000`).expect(200)).body as {
      sku: string;
    }[];
    expect(new Set(mappings.map((m) => m.sku)).size).toBe(300);
  });
});
