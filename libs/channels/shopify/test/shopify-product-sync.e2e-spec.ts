import { Role } from '@gantry/core';
import { levelOf, makeProduct, makeWarehouse, receive } from '@gantry/testing';
import { connectShop, createShop, gql, startShopifyEnv, type ShopifyTestEnv } from './shopify-test.env';

interface SyncItem {
  sku: string | null;
  externalRef: string;
  outcome: string;
  reason: string | null;
}

describe('Shopify product sync', () => {
  let env: ShopifyTestEnv;

  beforeAll(async () => {
    env = await startShopifyEnv({ worker: false });
  });
  afterAll(() => env.close());

  /** One product per call with one variant per entry, as the merchant creates it in the Shopify admin. */
  const seed = async (shop: string, staff: string, variants: { sku?: string | null; barcode?: string | null }[], title = 'Shirt') => {
    const res = await gql(
      env,
      shop,
      staff,
      `mutation($input: ProductSetInput!) { productSet(input: $input) { product { id variants(first: 100) { nodes { id sku } } } userErrors { field message } } }`,
      {
        input: {
          title,
          productOptions: [{ name: 'Size', values: variants.map((_v, i) => ({ name: `S${i}` })) }],
          variants: variants.map((v, i) => ({
            optionValues: [{ optionName: 'Size', name: `S${i}` }],
            ...(v.sku ? { sku: v.sku } : {}),
            barcode: v.barcode ?? null,
            price: '10.00',
          })),
        },
      },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data.productSet.userErrors).toEqual([]);
    return res.data.productSet.product.variants.nodes as { id: string; sku: string | null }[];
  };

  const sync = async (storeId: string) => {
    const res = await env.t.http(Role.INTEGRATION_MANAGER).post(`/api/v1/stores/${storeId}/product-sync`).expect(200);
    return res.body as { id: string; status: string; counts: Record<string, number>; items: SyncItem[] };
  };

  const bySku = (items: SyncItem[], sku: string) => items.filter((i) => i.sku === sku);

  it('maps by SKU then barcode, creates missing products, skips what it cannot map, and a second run changes nothing', async () => {
    const shop = 'sync-one.myshopify.com';
    const staff = await createShop(env, shop);
    const storeId = await connectShop(env, shop);
    const wh = await makeWarehouse(env.t);
    const bySkuProduct = await makeProduct(env.t, { sku: 'SYNC1-A' });
    const byBarcodeProduct = await makeProduct(env.t, { sku: 'SYNC1-WMS-B', barcode: '4006381333931' });
    await receive(env.t, 'SYNC1-A', wh.id, 7);
    const variants = await seed(shop, staff, [
      { sku: 'SYNC1-A' },
      { sku: 'SYNC1-SHOP-B', barcode: '4006381333931' },
      { sku: 'SYNC1-NEW' },
      { sku: null, barcode: null },
      { sku: 'SYNC1-DUP' },
      { sku: 'SYNC1-DUP' },
    ]);
    await env.t.http(Role.OPERATOR).post(`/api/v1/stores/${storeId}/product-sync`).expect(403);

    const run = await sync(storeId);
    expect(run.status).toBe('succeeded');
    expect(run.counts).toEqual({ mapped: 2, created: 2, skipped: 2, unchanged: 0 });
    expect(bySku(run.items, 'SYNC1-A')).toEqual([expect.objectContaining({ outcome: 'mapped', reason: 'by SKU SYNC1-A' })]);
    expect(bySku(run.items, 'SYNC1-SHOP-B')).toEqual([expect.objectContaining({ outcome: 'mapped', reason: 'by barcode 4006381333931' })]);
    expect(bySku(run.items, 'SYNC1-NEW')).toEqual([expect.objectContaining({ outcome: 'created' })]);
    expect(run.items.find((i) => i.sku === null)).toMatchObject({
      outcome: 'skipped',
      reason: expect.stringContaining('neither SKU nor barcode'),
    });
    const dups = bySku(run.items, 'SYNC1-DUP');
    expect(dups.map((d) => d.outcome)).toEqual(['created', 'skipped']);
    expect(dups[1]?.reason).toContain(variants[4]?.id);
    expect(dups[1]?.reason).toContain(variants[5]?.id);

    const mappings = (await env.t.http(Role.VIEWER).get(`/api/v1/stores/${storeId}/product-mappings`).expect(200)).body as {
      productId: string;
      sku: string;
      shopifyVariantId: string;
      shopifyProductId: string;
      inventoryItemId: string;
    }[];
    expect(mappings).toHaveLength(4);
    expect(mappings.find((m) => m.sku === 'SYNC1-A')).toMatchObject({ productId: bySkuProduct.id, shopifyVariantId: variants[0]?.id });
    expect(mappings.find((m) => m.sku === 'SYNC1-SHOP-B')?.productId).toBe(byBarcodeProduct.id);
    expect(
      mappings.every(
        (m) => m.shopifyProductId.startsWith('gid://shopify/Product/') && m.inventoryItemId.startsWith('gid://shopify/InventoryItem/'),
      ),
    ).toBe(true);
    const created = await env.t.http().get('/api/v1/products?sku=SYNC1-NEW').expect(200);
    expect(created.body).toHaveLength(1);

    // Search looks through every mapping (any case, SKU or ids; LIKE's wildcards taken literally), paging with it.
    const search = async (query: string): Promise<string[]> =>
      (
        (await env.t.http(Role.VIEWER).get(`/api/v1/stores/${storeId}/product-mappings?${query}`).expect(200)).body as { sku: string }[]
      ).map((m) => m.sku);
    expect((await search('search=sync1-shop')).sort()).toEqual(['SYNC1-SHOP-B']);
    expect(await search(`search=${encodeURIComponent(variants[0]?.id.split('/').pop() ?? '')}`)).toEqual(['SYNC1-A']);
    expect(await search(`search=${bySkuProduct.id.toUpperCase()}`)).toEqual(['SYNC1-A']);
    expect(await search('search=%25')).toEqual([]);
    expect(await search('search=SYNC1_A')).toEqual([]);
    expect([...(await search('search=SYNC1&limit=2')), ...(await search('search=SYNC1&limit=2&offset=2'))].sort()).toEqual(
      mappings.map((m) => m.sku).sort(),
    );
    await env.t
      .http()
      .get(`/api/v1/stores/${storeId}/product-mappings?search=${'x'.repeat(201)}`)
      .expect(400);
    await env.t.http().get(`/api/v1/stores/${storeId}/product-mappings?limit=0`).expect(400);

    // Stock is never touched.
    expect(await levelOf(env.t, 'SYNC1-A', wh.id)).toEqual({ onHand: 7, reserved: 0, available: 7 });
    expect(await env.t.dataSource.query(`SELECT count(*)::int AS n FROM stock_movement`)).toEqual([{ n: 1 }]);

    const again = await sync(storeId);
    expect(again.counts).toEqual({ mapped: 0, created: 0, skipped: 2, unchanged: 4 });
    expect((await env.t.http().get(`/api/v1/stores/${storeId}/product-mappings`).expect(200)).body).toEqual(mappings);
  });

  it('with createMissingProducts off, leaves unmatched variants unmapped with the reason; existing mappings stay as they are', async () => {
    const shop = 'sync-two.myshopify.com';
    const staff = await createShop(env, shop);
    const storeId = await connectShop(env, shop);
    await env.t.http().patch(`/api/v1/stores/${storeId}/settings`).send({ createMissingProducts: false }).expect(200);
    const [first] = await seed(shop, staff, [{ sku: 'SYNC2-A' }]);
    await makeProduct(env.t, { sku: 'SYNC2-A' });
    await seed(shop, staff, [{ sku: 'SYNC2-MISSING', barcode: '999000111' }]);
    const run = await sync(storeId);
    expect(run.counts).toEqual({ mapped: 1, created: 0, skipped: 1, unchanged: 0 });
    expect(bySku(run.items, 'SYNC2-MISSING')[0]?.reason).toMatch(
      /No WMS product with SKU SYNC2-MISSING or barcode 999000111, and createMissingProducts is off/,
    );
    expect((await env.t.http().get('/api/v1/products?sku=SYNC2-MISSING').expect(200)).body).toEqual([]);

    // A mapping made earlier (when the variant's SKU was another one) is kept, even though the SKU now matches another product.
    const [renamed] = await seed(shop, staff, [{ sku: 'SYNC2-C' }]);
    const old = await makeProduct(env.t, { sku: 'SYNC2-OLD' });
    await makeProduct(env.t, { sku: 'SYNC2-C' });
    await env.t.dataSource.query(
      `INSERT INTO channel_product_mapping (store_id, product_id, external_product_id, external_id, sku) VALUES ($1, $2, 'gid://shopify/Product/0', $3, 'SYNC2-OLD')`,
      [storeId, old.id, renamed?.id],
    );
    const second = await sync(storeId);
    expect(second.counts).toEqual({ mapped: 0, created: 0, skipped: 1, unchanged: 2 });
    const mappings = (await env.t.http().get(`/api/v1/stores/${storeId}/product-mappings`).expect(200)).body as {
      productId: string;
      sku: string;
      shopifyVariantId: string;
    }[];
    expect(mappings).toEqual([
      expect.objectContaining({ sku: 'SYNC2-A', shopifyVariantId: first?.id }),
      expect.objectContaining({ sku: 'SYNC2-OLD', productId: old.id, shopifyVariantId: renamed?.id }),
    ]);
  });

  it('reads a catalog beyond one page through a bulk export: every variant once, duplicates across the page boundary caught', async () => {
    const shop = 'sync-big.myshopify.com';
    const staff = await createShop(env, shop);
    const storeId = await connectShop(env, shop);
    const skus = Array.from({ length: 600 }, (_, i) => `BIG-${String(i).padStart(3, '0')}`);
    // The first page holds 250 variants; the 400th reuses the 10th SKU, so the duplicate is found in the bulk part.
    skus[400] = 'BIG-010';
    for (let p = 0; p < 6; p++) {
      await seed(
        shop,
        staff,
        skus.slice(p * 100, p * 100 + 100).map((sku) => ({ sku })),
        `Big ${p}`,
      );
    }
    await Promise.all(
      skus
        .slice(0, 300)
        .filter((_s, i) => i % 3 === 0)
        .map((sku) => makeProduct(env.t, { sku })),
    );

    const run = await sync(storeId);
    expect(run.status).toBe('succeeded');
    expect(run.counts).toEqual({ mapped: 100, created: 499, skipped: 1, unchanged: 0 });
    const log = (await (await fetch(`${env.sandboxUrl}/__sandbox/shops/${shop}/log`)).json()) as {
      calls: { operationName: string | null }[];
    };
    expect(log.calls.map((c) => c.operationName)).toEqual(expect.arrayContaining(['CatalogPage', 'RunBulkQuery', 'BulkOperation']));
    const rows: { n: number; variants: number }[] = await env.t.dataSource.query(
      `SELECT count(*)::int AS n, count(DISTINCT external_id)::int AS variants FROM channel_product_mapping WHERE store_id = $1`,
      [storeId],
    );
    expect(rows).toEqual([{ n: 599, variants: 599 }]);
    const seen: { n: number; refs: number }[] = await env.t.dataSource.query(
      `SELECT count(*)::int AS n, count(DISTINCT external_ref)::int AS refs FROM sync_run_item WHERE sync_run_id = $1`,
      [run.id],
    );
    expect(seen).toEqual([{ n: 600, refs: 600 }]);
    const again = await sync(storeId);
    expect(again.counts).toEqual({ mapped: 0, created: 0, skipped: 1, unchanged: 599 });
  });

  it('refuses invalid settings naming the field', async () => {
    const shop = 'sync-three.myshopify.com';
    await createShop(env, shop);
    const storeId = await connectShop(env, shop);
    const bad = await env.t
      .http()
      .patch(`/api/v1/stores/${storeId}/settings`)
      .send({ stockSync: { windowSeconds: 0, mode: 'sometimes' }, orderFilters: { financialStatuses: ['PAID', 'NOPE'] } })
      .expect(400);
    const fields = (bad.body.errors as { field: string }[]).map((e) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['stockSync.windowSeconds', 'stockSync.mode', 'orderFilters.financialStatuses']));
    const ok = await env.t
      .http()
      .patch(`/api/v1/stores/${storeId}/settings`)
      .send({ stockSync: { enabled: true, mode: 'delta' }, orderFilters: { financialStatuses: ['PAID'] }, returns: { enabled: true } })
      .expect(200);
    expect(ok.body.settings).toMatchObject({
      stockSync: { enabled: true, mode: 'delta', windowSeconds: 30 },
      orderFilters: { financialStatuses: ['PAID'], statuses: [] },
      returns: { enabled: true, autoClose: false },
      fulfillment: { notifyCustomer: true },
      createMissingProducts: true,
    });
  });
});
