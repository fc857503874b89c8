/* eslint-disable @typescript-eslint/no-explicit-any, @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-return, @typescript-eslint/no-unsafe-argument, @typescript-eslint/no-unsafe-call -- dynamic GraphQL bodies */
import { Role } from '@gantry/core';
import { makeProduct, makeShippingProcess, makeWarehouse, receive, until, type ProductRecord, type WarehouseRecord } from '@gantry/testing';
import { connectShop, createShop, gql, type ShopifyTestEnv } from './shopify-test.env';

export interface OrdersFixture {
  shop: string;
  token: string;
  storeId: string;
  /** Shopify locations, in order; each mapped to the warehouse of the same index (the first is the default). */
  locations: string[];
  warehouses: WarehouseRecord[];
  processes: string[];
  /** Products in the WMS and on Shopify, mapped by product sync; `variants[i]` is product i's variant. */
  products: ProductRecord[];
  variants: string[];
}

/**
 * A connected shop with `locations` Shopify locations, each mapped to its own warehouse, and `skuCount` products
 * mapped by the real product sync. Shopify stocks product i at the location `stockAt(i)` (default: the first), so
 * Shopify routes orders there; the WMS holds 50 of each in every warehouse.
 */
export async function setupOrders(
  env: ShopifyTestEnv,
  shop: string,
  options: {
    locations?: number;
    skuCount?: number;
    stockAt?: (i: number) => number;
    orderFilters?: Record<string, unknown>;
    /** The shop's plan (its cost bucket limits the staff token too: 'plus' for bursts of orders). */
    plan?: 'standard' | 'plus';
    /** What the WMS holds of each product in every warehouse. */
    wmsStock?: number;
  } = {},
): Promise<OrdersFixture> {
  const locationCount = options.locations ?? 1;
  const skuCount = options.skuCount ?? 3;
  const names = Array.from({ length: locationCount }, (_, i) => `Location ${i + 1}`);
  const token = await createShop(env, shop, { locations: names, ...(options.plan ? { plan: options.plan } : {}) });
  const storeId = await connectShop(env, shop);
  const found = await gql(env, shop, token, '{ locations(first: 10) { nodes { id name } } }');
  const byName = new Map<string, string>(found.data.locations.nodes.map((n: any) => [n.name, n.id]));
  const locations = names.map((n) => byName.get(n) as string);
  const warehouses: WarehouseRecord[] = [];
  const processes: string[] = [];
  for (let i = 0; i < locationCount; i++) {
    const warehouse = await makeWarehouse(env.t);
    warehouses.push(warehouse);
    processes.push((await makeShippingProcess(env.t, warehouse.id)).id);
  }
  await env.t
    .http()
    .put(`/api/v1/stores/${storeId}/location-mappings`)
    .send(
      locations.map((locationId, i) => ({
        locationId,
        warehouseId: warehouses[i]?.id,
        shippingProcessId: processes[i],
        isDefault: i === 0,
      })),
    )
    .expect(200);
  const products: ProductRecord[] = [];
  for (let i = 0; i < skuCount; i++) {
    products.push(await makeProduct(env.t));
  }
  const set = await gql(
    env,
    shop,
    token,
    `mutation($input: ProductSetInput!) { productSet(input: $input) { product { variants(first: 50) { nodes { id sku } } } userErrors { message } } }`,
    {
      input: {
        title: `${shop} catalog`,
        productOptions: [{ name: 'SKU', values: products.map((p) => ({ name: p.sku })) }],
        variants: products.map((p, i) => ({
          optionValues: [{ optionName: 'SKU', name: p.sku }],
          sku: p.sku,
          price: '10.00',
          inventoryItem: { sku: p.sku, tracked: true },
          inventoryQuantities: [{ locationId: locations[options.stockAt?.(i) ?? 0], name: 'available', quantity: 100 }],
        })),
      },
    },
  );
  expect(set.data.productSet.userErrors).toEqual([]);
  const variantOf = new Map<string, string>(set.data.productSet.product.variants.nodes.map((v: any) => [v.sku, v.id]));
  await env.t.http(Role.INTEGRATION_MANAGER).post(`/api/v1/stores/${storeId}/product-sync`).expect(200);
  for (const product of products) {
    for (const warehouse of warehouses) {
      await receive(env.t, product.sku, warehouse.id, options.wmsStock ?? 50);
    }
  }
  if (options.orderFilters) {
    await env.t.http().patch(`/api/v1/stores/${storeId}/settings`).send({ orderFilters: options.orderFilters }).expect(200);
  }
  return {
    shop,
    token,
    storeId,
    locations,
    warehouses,
    processes,
    products,
    variants: products.map((p) => variantOf.get(p.sku) as string),
  };
}

/**
 * Creates an order on Shopify as a storefront checkout would (staff token, inventory claimed; waits out THROTTLED
 * answers); returns its GraphQL id, its line ids by SKU and its lines.
 */
export async function shopifyOrder(
  env: ShopifyTestEnv,
  f: OrdersFixture,
  lines: { variant?: number; sku?: string; title?: string; quantity: number }[],
  extra: Record<string, unknown> = {},
): Promise<{ id: string; lines: Map<string, string>; items: { id: string; sku: string; quantity: number }[] }> {
  for (let attempt = 0; ; attempt++) {
    const res = await createOnShopify(env, f, lines, extra);
    const throttled = (res.errors as { extensions?: { code?: string } }[] | undefined)?.some((e) => e.extensions?.code === 'THROTTLED');
    if (throttled && attempt < 20) {
      await new Promise((r) => setTimeout(r, 500));
      continue;
    }
    expect(res.errors).toBeUndefined();
    expect(res.data.orderCreate.userErrors).toEqual([]);
    const order = res.data.orderCreate.order;
    const items = order.lineItems.nodes as { id: string; sku: string; quantity: number }[];
    return { id: order.id, lines: new Map(items.map((n) => [n.sku, n.id])), items };
  }
}

function createOnShopify(
  env: ShopifyTestEnv,
  f: OrdersFixture,
  lines: { variant?: number; sku?: string; title?: string; quantity: number }[],
  extra: Record<string, unknown>,
): Promise<any> {
  return gql(
    env,
    f.shop,
    f.token,
    `mutation($order: OrderCreateOrderInput!, $options: OrderCreateOptionsInput) {
      orderCreate(order: $order, options: $options) { order { id lineItems(first: 50) { nodes { id sku quantity } } } userErrors { field message } }
    }`,
    {
      order: {
        email: 'buyer@example.com',
        shippingAddress: {
          firstName: 'Ada',
          lastName: 'Buyer',
          address1: '1 Main St',
          city: 'Springfield',
          countryCode: 'US',
          zip: '12345',
        },
        lineItems: lines.map((l) =>
          l.variant !== undefined
            ? // orderCreate's requiresShipping defaults to false (schema): a storefront order's physical lines say true.
              { variantId: f.variants[l.variant], quantity: l.quantity, requiresShipping: true }
            : {
                title: l.title ?? 'Custom',
                sku: l.sku,
                quantity: l.quantity,
                requiresShipping: true,
                priceSet: { shopMoney: { amount: '5.00', currencyCode: 'USD' } },
              },
        ),
        ...extra,
      },
      options: { inventoryBehaviour: 'DECREMENT_IGNORING_POLICY' },
    },
  );
}

export interface ChannelOrderRow {
  state: string;
  reason: string | null;
  problems: { sku: string | null; problem: string }[];
  warehouseOrders: { warehouseOrderId: string; warehouseId: string; allocationIds: string[] }[];
}

/** The engine's record of one Shopify order, once it is decided (not pending, nothing due). */
export async function decided(
  env: ShopifyTestEnv,
  f: OrdersFixture,
  orderId: string,
  want?: (row: ChannelOrderRow) => boolean,
): Promise<ChannelOrderRow> {
  return until(
    async () => {
      const res = await env.t.http().get(`/api/v1/stores/${f.storeId}/channel-orders?limit=500`).expect(200);
      return (res.body as (ChannelOrderRow & { externalId: string; dueAt: string | null })[]).find(
        (o) => o.externalId === orderId && o.dueAt === null && o.state !== 'pending',
      );
    },
    (row): row is ChannelOrderRow & { externalId: string; dueAt: null } => row !== undefined && (want ? want(row) : true),
    `order ${orderId} to be decided`,
    30_000,
  ) as Promise<ChannelOrderRow>;
}

export async function warehouseOrder(env: ShopifyTestEnv, id: string): Promise<any> {
  return (await env.t.http().get(`/api/v1/orders/${id}`).expect(200)).body;
}
