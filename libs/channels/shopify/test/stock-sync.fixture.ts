/* eslint-disable @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-member-access -- dynamic GraphQL bodies */
import { Role } from '@gantry/core';
import { makeProduct, makeShippingProcess, makeWarehouse, receive, until, type ProductRecord, type WarehouseRecord } from '@gantry/testing';

export { until };
import { connectShop, createShop, gql, type ShopifyTestEnv } from './shopify-test.env';

export interface StockFixture {
  shop: string;
  token: string;
  storeId: string;
  locationId: string;
  warehouse: WarehouseRecord;
  products: { product: ProductRecord; inventoryItemId: string }[];
}

/**
 * A connected shop whose first location is mapped to a new warehouse, with `skuCount` products that exist in the
 * WMS and as Shopify variants (Shopify holding `shopifyStart` each), mapped by the real product sync; stock sync on.
 */
export async function setupStockSync(
  env: ShopifyTestEnv,
  shop: string,
  options: {
    mode: 'absolute' | 'delta';
    skuCount: number;
    windowSeconds?: number;
    shopifyStart?: (i: number) => number;
    /** Warehouse stock received before stock sync is switched on. */
    wmsStart?: (i: number) => number;
    /** False: configured (mode, window) but left switched off. */
    enable?: boolean;
    /** The shop's locations (the sandbox's default: one); only the first is mapped. */
    shopLocations?: string[];
  },
): Promise<StockFixture> {
  const token = await createShop(env, shop, options.shopLocations ? { locations: options.shopLocations } : {});
  const storeId = await connectShop(env, shop);
  const locations = await gql(env, shop, token, '{ locations(first: 5) { nodes { id } } }');
  const locationId = locations.data.locations.nodes[0].id as string;
  const warehouse = await makeWarehouse(env.t);
  const process = await makeShippingProcess(env.t, warehouse.id);
  await env.t
    .http()
    .put(`/api/v1/stores/${storeId}/location-mappings`)
    .send([{ locationId, warehouseId: warehouse.id, shippingProcessId: process.id, isDefault: true }])
    .expect(200);
  const products: ProductRecord[] = [];
  for (let i = 0; i < options.skuCount; i++) {
    products.push(await makeProduct(env.t));
  }
  const set = await gql(
    env,
    shop,
    token,
    `mutation($input: ProductSetInput!) { productSet(input: $input) { product { id } userErrors { message } } }`,
    {
      input: {
        title: `${shop} catalog`,
        productOptions: [{ name: 'SKU', values: products.map((p) => ({ name: p.sku })) }],
        variants: products.map((p, i) => ({
          optionValues: [{ optionName: 'SKU', name: p.sku }],
          sku: p.sku,
          price: '1.00',
          inventoryItem: { sku: p.sku, tracked: true },
          inventoryQuantities: [{ locationId, name: 'available', quantity: options.shopifyStart?.(i) ?? 0 }],
        })),
      },
    },
  );
  expect(set.data.productSet.userErrors).toEqual([]);
  const sync = await env.t.http(Role.INTEGRATION_MANAGER).post(`/api/v1/stores/${storeId}/product-sync`).expect(200);
  expect(sync.body.counts).toMatchObject({ mapped: options.skuCount });
  const mappings = await env.t.dataSource.query<{ product_id: string; inventory_item_id: string }[]>(
    `SELECT product_id, stock_item_id AS inventory_item_id FROM channel_product_mapping WHERE store_id = $1`,
    [storeId],
  );
  const itemOf = new Map(mappings.map((m) => [m.product_id, m.inventory_item_id]));
  for (const [i, product] of products.entries()) {
    const quantity = options.wmsStart?.(i) ?? 0;
    if (quantity > 0) {
      await receive(env.t, product.sku, warehouse.id, quantity);
    }
  }
  await env.t
    .http()
    .patch(`/api/v1/stores/${storeId}/settings`)
    .send({ stockSync: { enabled: options.enable ?? true, mode: options.mode, windowSeconds: options.windowSeconds ?? 30 } })
    .expect(200);
  return {
    shop,
    token,
    storeId,
    locationId,
    warehouse,
    products: products.map((product) => ({ product, inventoryItemId: itemOf.get(product.id) as string })),
  };
}

export async function shopifyAvailable(env: ShopifyTestEnv, f: StockFixture, inventoryItemId: string): Promise<number> {
  const res = await gql(
    env,
    f.shop,
    f.token,
    `query($id: ID!, $loc: ID!) { inventoryItem(id: $id) { inventoryLevel(locationId: $loc) { quantities(names: ["available"]) { quantity } } } }`,
    { id: inventoryItemId, loc: f.locationId },
  );
  return res.data.inventoryItem.inventoryLevel.quantities[0].quantity as number;
}

/** Waits until nothing is left to push for the store: no pending item, no push on its way, no unhandled event. */
export async function settled(env: ShopifyTestEnv, storeId: string, timeoutMs = 60_000): Promise<void> {
  await until(
    async () => {
      const [row] = await env.t.dataSource.query<{ n: number }[]>(
        `SELECT (SELECT count(*) FROM stock_sync_item WHERE store_id = $1 AND (wanted_version > pushed_version OR push_id IS NOT NULL))
              + (SELECT count(*) FROM stock_push WHERE store_id = $1 AND status = 'pending')
              + (SELECT count(*) FROM outbox_event WHERE handled_at IS NULL) AS n`,
        [storeId],
      );
      return Number(row?.n ?? 0);
    },
    (n) => n === 0,
    'stock sync to settle',
    timeoutMs,
  ).catch(async (error: unknown) => {
    const items = await env.t.dataSource.query(
      `SELECT * FROM stock_sync_item WHERE store_id = $1 AND (wanted_version > pushed_version OR push_id IS NOT NULL)`,
      [storeId],
    );
    const pushes = await env.t.dataSource.query(
      `SELECT id, status, error, attempts FROM stock_push WHERE store_id = $1 ORDER BY id DESC LIMIT 5`,
      [storeId],
    );
    throw new Error(`${String(error)}\nitems: ${JSON.stringify(items)}\npushes: ${JSON.stringify(pushes)}`);
  });
}

export async function setFaults(env: ShopifyTestEnv, shop: string, faults: Record<string, unknown>): Promise<void> {
  const res = await fetch(`${env.sandboxUrl}/__sandbox/faults`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ shop, ...faults }),
  });
  expect(res.ok).toBe(true);
}
