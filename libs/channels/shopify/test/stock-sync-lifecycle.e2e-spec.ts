import { Role, StoreStatus } from '@gantry/core';
import { makeProduct, makeShippingProcess, makeWarehouse, receive } from '@gantry/testing';
import { connectShop, gql, sandboxPost, startShopifyEnv, type ShopifyTestEnv } from './shopify-test.env';
import { settled, setupStockSync, shopifyAvailable, until, type StockFixture } from './stock-sync.fixture';

const WMS = [40, 55, 30];
const SHOPIFY = [7, 8, 9];

/**
 * Stock sync from the first minute and after every interruption, against the sandbox over HTTP. Every check reads
 * Shopify's value of every SKU, moved or not.
 */
describe('stock sync lifecycle: enable, pause, re-authorise, disconnect, remap', () => {
  let env: ShopifyTestEnv;

  beforeAll(async () => {
    env = await startShopifyEnv({ worker: true });
  });
  afterAll(() => env.close());

  const setup = (shop: string, mode: 'absolute' | 'delta', enable = false): Promise<StockFixture> =>
    setupStockSync(env, shop, {
      mode,
      skuCount: 3,
      windowSeconds: 1,
      shopifyStart: (i) => SHOPIFY[i] ?? 0,
      wmsStart: (i) => WMS[i] ?? 0,
      enable,
    });
  const onShopify = async (f: StockFixture): Promise<number[]> =>
    Promise.all(f.products.map((p) => shopifyAvailable(env, f, p.inventoryItemId)));
  const settings = (f: StockFixture, stockSync: Record<string, unknown>) =>
    env.t.http(Role.ADMIN).patch(`/api/v1/stores/${f.storeId}/settings`).send({ stockSync }).expect(200);
  const storeView = async (f: StockFixture) => (await env.t.http().get(`/api/v1/stores/${f.storeId}`).expect(200)).body;
  // Long enough for a push that should not happen to have happened (the window is 1 s).
  const quiet = () => new Promise((r) => setTimeout(r, 2_500));
  const expectShopify = async (f: StockFixture, expected: number[], what: string) =>
    until(
      () => onShopify(f),
      (values) => JSON.stringify(values) === JSON.stringify(expected),
      what,
    );

  it('enabling absolute mode sets every mapped SKU on Shopify to the warehouse value, moved or not', async () => {
    const f = await setup('life-enable-abs.myshopify.com', 'absolute');
    await quiet();
    expect(await onShopify(f)).toEqual(SHOPIFY);
    expect((await storeView(f)).stockSync).toMatchObject({ state: 'paused', reason: expect.stringMatching(/switched off/) });
    await settings(f, { enabled: true });
    await expectShopify(f, WMS, 'the first push');
    await settled(env, f.storeId);
    expect((await storeView(f)).stockSync).toEqual({ state: 'live', reason: null, pendingPairs: 0 });
  });

  it('enabling delta mode takes the warehouse values as the baseline and pushes nothing; later changes go as deltas', async () => {
    const f = await setup('life-enable-delta.myshopify.com', 'delta');
    await settings(f, { enabled: true });
    await settled(env, f.storeId);
    await quiet();
    expect(await onShopify(f)).toEqual(SHOPIFY);
    await receive(env.t, f.products[0]?.product.sku ?? '', f.warehouse.id, 5);
    await expectShopify(f, [12, 8, 9], 'the delta of the receipt');
  });

  it('absolute: changes while stock sync is off are recorded, and switching it on sets Shopify to the warehouse', async () => {
    const f = await setup('life-pause-abs.myshopify.com', 'absolute', true);
    await expectShopify(f, WMS, 'the first push');
    await settings(f, { enabled: false });
    await receive(env.t, f.products[0]?.product.sku ?? '', f.warehouse.id, 1);
    await quiet();
    expect(await onShopify(f)).toEqual(WMS);
    expect((await storeView(f)).stockSync).toMatchObject({ state: 'paused', pendingPairs: 1 });
    await settings(f, { enabled: true });
    await expectShopify(f, [41, 55, 30], 'the catch-up push');
  });

  it('delta: changes while stock sync is off go once when it is switched on again', async () => {
    const f = await setup('life-pause-delta.myshopify.com', 'delta', true);
    await settled(env, f.storeId);
    await receive(env.t, f.products[1]?.product.sku ?? '', f.warehouse.id, 2);
    await expectShopify(f, [7, 10, 9], 'a delta while live');
    await settings(f, { enabled: false });
    await receive(env.t, f.products[0]?.product.sku ?? '', f.warehouse.id, 3);
    await receive(env.t, f.products[1]?.product.sku ?? '', f.warehouse.id, 1);
    await quiet();
    expect(await onShopify(f)).toEqual([7, 10, 9]);
    await settings(f, { enabled: true });
    await expectShopify(f, [10, 11, 9], 'the catch-up deltas');
    await settled(env, f.storeId);
    await quiet();
    expect(await onShopify(f)).toEqual([10, 11, 9]);
  });

  for (const mode of ['absolute', 'delta'] as const) {
    it(`${mode}: after Shopify revokes the token, changes wait for the OAuth reconnect and then go exactly once`, async () => {
      const shop = `life-reauth-${mode}.myshopify.com`;
      const f = await setup(shop, mode, true);
      await settled(env, f.storeId);
      const start = mode === 'absolute' ? WMS : SHOPIFY;
      await expectShopify(f, start, 'synced');
      // The token stops working and the app/uninstalled webhook is lost: the next push finds out.
      await sandboxPost(env, '/__sandbox/faults', { shop, dropWebhooks: 1 });
      await sandboxPost(env, `/__sandbox/shops/${shop}/uninstall`, { apiKey: 'shopify-test-key' });
      await receive(env.t, f.products[0]?.product.sku ?? '', f.warehouse.id, 4);
      await until(
        async () => (await storeView(f)).status as string,
        (s) => s === String(StoreStatus.NEEDS_REAUTH),
        'needs_reauth',
      );
      await receive(env.t, f.products[2]?.product.sku ?? '', f.warehouse.id, 6);
      expect((await storeView(f)).stockSync).toMatchObject({ state: 'paused', reason: expect.stringMatching(/connect the store again/) });
      expect(await connectShop(env, shop)).toBe(f.storeId);
      const expected = mode === 'absolute' ? [44, 55, 36] : [11, 8, 15];
      await expectShopify(f, expected, 'the catch-up after reconnecting');
      await settled(env, f.storeId);
      await quiet();
      expect(await onShopify(f)).toEqual(expected);
    });

    it(`${mode}: after an explicit disconnect, a reconnect starts like a first enable`, async () => {
      const shop = `life-disconnect-${mode}.myshopify.com`;
      const f = await setup(shop, mode, true);
      await settled(env, f.storeId);
      await env.t.http(Role.INTEGRATION_MANAGER).post(`/api/v1/stores/${f.storeId}/disconnect`).expect(200);
      await receive(env.t, f.products[0]?.product.sku ?? '', f.warehouse.id, 10);
      // Meanwhile the merchant sells one of the third SKU on Shopify.
      const edit = await gql(
        env,
        shop,
        f.token,
        `mutation($input: InventoryAdjustQuantitiesInput!, $key: String!) { inventoryAdjustQuantities(input: $input) @idempotent(key: $key) { userErrors { message } } }`,
        {
          key: `${shop}-sale`,
          input: {
            name: 'available',
            reason: 'correction',
            changes: [{ inventoryItemId: f.products[2]?.inventoryItemId, locationId: f.locationId, delta: -1, changeFromQuantity: null }],
          },
        },
      );
      expect(edit.data.inventoryAdjustQuantities.userErrors).toEqual([]);
      const onShopifyBefore = await onShopify(f);
      expect(await connectShop(env, shop)).toBe(f.storeId);
      if (mode === 'absolute') {
        await expectShopify(f, [50, 55, 30], 'the first push after reconnecting');
      } else {
        await settled(env, f.storeId);
        await quiet();
        // A fresh baseline: the receipt made while disconnected is not sent, Shopify keeps its own stock.
        expect(await onShopify(f)).toEqual(onShopifyBefore);
        await receive(env.t, f.products[1]?.product.sku ?? '', f.warehouse.id, 1);
        await expectShopify(
          f,
          [onShopifyBefore[0] ?? 0, (onShopifyBefore[1] ?? 0) + 1, onShopifyBefore[2] ?? 0],
          'a delta after reconnecting',
        );
      }
    });
  }

  it('switching absolute → delta pushes nothing; delta → absolute sets every SKU to the warehouse value', async () => {
    const f = await setup('life-switch.myshopify.com', 'absolute', true);
    await expectShopify(f, WMS, 'the first push');
    await settled(env, f.storeId);
    await settings(f, { mode: 'delta' });
    await settled(env, f.storeId);
    await quiet();
    expect(await onShopify(f)).toEqual(WMS);
    // Shopify sells 5 of the first SKU: delta mode leaves it, the next receipt adds on top.
    await gql(
      env,
      f.shop,
      f.token,
      `mutation($input: InventoryAdjustQuantitiesInput!, $key: String!) { inventoryAdjustQuantities(input: $input) @idempotent(key: $key) { userErrors { message } } }`,
      {
        key: 'life-switch-sale',
        input: {
          name: 'available',
          reason: 'correction',
          changes: [{ inventoryItemId: f.products[0]?.inventoryItemId, locationId: f.locationId, delta: -5, changeFromQuantity: null }],
        },
      },
    );
    await receive(env.t, f.products[0]?.product.sku ?? '', f.warehouse.id, 2);
    await expectShopify(f, [37, 55, 30], 'a delta on top of the sale');
    await settings(f, { mode: 'absolute' });
    await expectShopify(f, [42, 55, 30], 'every SKU set to the warehouse value');
  });

  for (const mode of ['absolute', 'delta'] as const) {
    it(`${mode}: a product mapped later gets the mode's first push`, async () => {
      const f = await setup(`life-remap-${mode}.myshopify.com`, mode, true);
      await settled(env, f.storeId);
      const product = await makeProduct(env.t);
      await receive(env.t, product.sku, f.warehouse.id, 25);
      const created = await gql(
        env,
        f.shop,
        f.token,
        `mutation($input: ProductSetInput!) { productSet(input: $input) { product { variants(first: 1) { nodes { inventoryItem { id } } } } userErrors { message } } }`,
        {
          input: {
            title: 'Late product',
            productOptions: [{ name: 'SKU', values: [{ name: product.sku }] }],
            variants: [
              {
                optionValues: [{ optionName: 'SKU', name: product.sku }],
                sku: product.sku,
                price: '1.00',
                inventoryItem: { sku: product.sku, tracked: true },
                inventoryQuantities: [{ locationId: f.locationId, name: 'available', quantity: 4 }],
              },
            ],
          },
        },
      );
      expect(created.data.productSet.userErrors).toEqual([]);
      const item = created.data.productSet.product.variants.nodes[0].inventoryItem.id as string;
      const sync = await env.t.http(Role.INTEGRATION_MANAGER).post(`/api/v1/stores/${f.storeId}/product-sync`).expect(200);
      expect(sync.body.counts).toMatchObject({ mapped: 1 });
      if (mode === 'absolute') {
        await until(
          () => shopifyAvailable(env, f, item),
          (q) => q === 25,
          'the new pair set to the warehouse value',
        );
      } else {
        await settled(env, f.storeId);
        await quiet();
        expect(await shopifyAvailable(env, f, item)).toBe(4);
      }
      expect((await onShopify(f)).length).toBe(3);
    });
  }

  for (const mode of ['absolute', 'delta'] as const) {
    it(`${mode}: a location mapped later gets the mode's first push for every SKU there`, async () => {
      const shop = `life-location-${mode}.myshopify.com`;
      const f = await setupStockSync(env, shop, {
        mode,
        skuCount: 3,
        windowSeconds: 1,
        shopifyStart: (i) => SHOPIFY[i] ?? 0,
        wmsStart: (i) => WMS[i] ?? 0,
        enable: true,
        shopLocations: ['Main', 'Outlet'],
      });
      await settled(env, f.storeId);
      const locations = await gql(env, shop, f.token, '{ locations(first: 5) { nodes { id name } } }');
      const outlet = (locations.data.locations.nodes as { id: string; name: string }[]).find((l) => l.name === 'Outlet')?.id ?? '';
      const atOutlet = (): Promise<number[]> =>
        Promise.all(
          f.products.map(async (p) => {
            const res = await gql(
              env,
              shop,
              f.token,
              `query($id: ID!, $loc: ID!) { inventoryItem(id: $id) { inventoryLevel(locationId: $loc) { quantities(names: ["available"]) { quantity } } } }`,
              { id: p.inventoryItemId, loc: outlet },
            );
            return (res.data.inventoryItem.inventoryLevel?.quantities[0]?.quantity as number | undefined) ?? 0;
          }),
        );
      const before = await atOutlet();
      // A second warehouse with its own stock goes behind the outlet.
      const second = await makeWarehouse(env.t);
      const process = await makeShippingProcess(env.t, second.id);
      for (const [i, p] of f.products.entries()) {
        await receive(env.t, p.product.sku, second.id, 100 + i);
      }
      const [main] = await env.t
        .http()
        .get(`/api/v1/stores/${f.storeId}/location-mappings`)
        .expect(200)
        .then((r) => r.body as unknown[]);
      await env.t
        .http()
        .put(`/api/v1/stores/${f.storeId}/location-mappings`)
        .send([main, { locationId: outlet, warehouseId: second.id, shippingProcessId: process.id, isDefault: false }])
        .expect(200);
      if (mode === 'absolute') {
        await until(atOutlet, (v) => JSON.stringify(v) === JSON.stringify([100, 101, 102]), 'the outlet set to the second warehouse');
      } else {
        await settled(env, f.storeId);
        await quiet();
        expect(await atOutlet()).toEqual(before);
        await receive(env.t, f.products[0]?.product.sku ?? '', second.id, 1);
        await until(atOutlet, (v) => v[0] === (before[0] ?? 0) + 1, 'a delta at the outlet');
      }
      // The main location is as it was.
      expect(await onShopify(f)).toEqual(mode === 'absolute' ? WMS : SHOPIFY);
    });
  }
});
