/* eslint-disable @typescript-eslint/no-explicit-any, @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-return, @typescript-eslint/no-unsafe-argument, @typescript-eslint/no-unsafe-call -- dynamic GraphQL bodies */
import { StoreService, type ChannelContext, type ChannelOrderCreate, type WholesaleItemRef } from '@gantry/core';
import { ShopifyGraphqlClient } from '@gantry/shopify';
import { connectShop, createShop, gql, type ShopifyTestEnv } from './shopify-test.env';

/** Variants by their option value (or "default"), and the product's id. */
export interface SeededProduct {
  product: string;
  variants: Record<string, string>;
}

export interface ExportFixture {
  shop: string;
  token: string;
  storeId: string;
  ctx: ChannelContext;
  /** Location GIDs: Main, Second. */
  locations: [string, string];
  /** Colour option: Red (barcode 0123456789012, 10 at Main, 5 at Second), Blue (barcode 4006381333931, 3 at Main). DENY. */
  tee: SeededProduct;
  /** One variant, SKU CAP-1, 20 at Main. */
  cap: SeededProduct;
  /** One variant, not tracked, SKU SCARF-1. */
  scarf: SeededProduct;
  /** Colour option: Black (BAG-BLK, 2 at Second), Brown (BAG-BRN, none). CONTINUE. */
  bag: SeededProduct;
  /** Size option S1..S20, SKUs BULK-n, barcodes 77000n, 50 of each at Main. */
  bulk: SeededProduct;
}

export const numericId = (gid: string): string => gid.slice(gid.lastIndexOf('/') + 1);

export const itemRef = (over: Partial<WholesaleItemRef>): WholesaleItemRef => ({
  upc: null,
  styleIdentifier: null,
  styleNumber: null,
  sku: null,
  color: null,
  size: null,
  ...over,
});

export interface VariantSeed {
  option: string;
  sku: string;
  barcode?: string;
  tracked?: boolean;
  /** Available units per location, in the order of `locations`. */
  stock?: number[];
}

/** One product through productSet (staff token), its variants by option value. */
export async function seedProduct(
  env: ShopifyTestEnv,
  f: { shop: string; token: string; locations: readonly string[] },
  title: string,
  optionName: string,
  policy: 'DENY' | 'CONTINUE',
  seeds: VariantSeed[],
): Promise<SeededProduct> {
  const res = await gql(
    env,
    f.shop,
    f.token,
    `mutation($input: ProductSetInput!) { productSet(input: $input) { product { id variants(first: 250) { nodes { id sku } } } userErrors { message } } }`,
    {
      input: {
        title,
        productOptions: [{ name: optionName, values: seeds.map((s) => ({ name: s.option })) }],
        variants: seeds.map((s) => ({
          optionValues: [{ optionName, name: s.option }],
          sku: s.sku,
          ...(s.barcode ? { barcode: s.barcode } : {}),
          price: '40.00',
          inventoryPolicy: policy,
          inventoryItem: { sku: s.sku, tracked: s.tracked ?? true },
          inventoryQuantities: (s.stock ?? []).flatMap((quantity, i) =>
            quantity > 0 ? [{ locationId: f.locations[i], name: 'available', quantity }] : [],
          ),
        })),
      },
    },
  );
  expect(res.errors).toBeUndefined();
  expect(res.data.productSet.userErrors).toEqual([]);
  const bySku = new Map<string, string>(res.data.productSet.product.variants.nodes.map((v: any) => [v.sku, v.id]));
  return {
    product: res.data.productSet.product.id as string,
    variants: Object.fromEntries(seeds.map((s) => [s.option, bySku.get(s.sku) as string])),
  };
}

/** A connected shop with two locations and the catalog above; the context is the store's real one. */
export async function setupExportShop(env: ShopifyTestEnv, shop: string): Promise<ExportFixture> {
  const token = await createShop(env, shop, { locations: ['Main', 'Second'], plan: 'plus' });
  const storeId = await connectShop(env, shop);
  const ctx = await env.t.app.get(StoreService).contextFor(storeId);
  const found = await gql(env, shop, token, '{ locations(first: 10) { nodes { id name } } }');
  const byName = new Map<string, string>(found.data.locations.nodes.map((n: any) => [n.name, n.id]));
  const base = { shop, token, locations: [byName.get('Main') as string, byName.get('Second') as string] as [string, string] };
  return {
    ...base,
    storeId,
    ctx,
    tee: await seedProduct(env, base, 'Tee', 'Color', 'DENY', [
      { option: 'Red', sku: 'TEE-RED', barcode: '0123456789012', stock: [10, 5] },
      { option: 'Blue', sku: 'TEE-BLU', barcode: '4006381333931', stock: [3, 0] },
    ]),
    cap: await seedProduct(env, base, 'Cap', 'Title', 'DENY', [{ option: 'Default Title', sku: 'CAP-1', stock: [20, 0] }]),
    scarf: await seedProduct(env, base, 'Scarf', 'Title', 'DENY', [{ option: 'Default Title', sku: 'SCARF-1', tracked: false }]),
    bag: await seedProduct(env, base, 'Bag', 'Color', 'CONTINUE', [
      { option: 'Black', sku: 'BAG-BLK', stock: [0, 2] },
      { option: 'Brown', sku: 'BAG-BRN' },
    ]),
    bulk: await seedProduct(
      env,
      base,
      'Bulk',
      'Size',
      'DENY',
      Array.from({ length: 20 }, (_, i) => ({ option: `S${i + 1}`, sku: `BULK-${i + 1}`, barcode: `77000${i + 1}`, stock: [50, 0] })),
    ),
  };
}

/** An export as the engine would hand it over: one line of the Tee in Red unless told otherwise. */
export function exportOrder(f: ExportFixture, identity: string, over: Partial<ChannelOrderCreate> = {}): ChannelOrderCreate {
  return {
    identity,
    name: null,
    sourceName: 'joor',
    poNumber: null,
    currency: 'USD',
    processedAt: null,
    email: null,
    customer: null,
    shippingAddress: null,
    billingAddress: null,
    lines: [{ channelItemId: f.tee.variants.Red ?? '', quantity: 1, unitPrice: '20.00', title: 'Tee - Red', properties: [] }],
    shipping: null,
    tax: null,
    note: null,
    attributes: [],
    tags: [],
    fulfilled: false,
    channelLocationId: null,
    inventoryBehaviour: 'bypass',
    ...over,
  };
}

/** Shopify's available units of a variant at a location (staff token). */
export async function availableAt(env: ShopifyTestEnv, f: ExportFixture, variantId: string, locationId: string): Promise<number> {
  const res = await gql(
    env,
    f.shop,
    f.token,
    `query($id: ID!, $loc: ID!) { productVariant(id: $id) { inventoryItem { inventoryLevel(locationId: $loc) { quantities(names: ["available"]) { quantity } } } } }`,
    { id: variantId, loc: locationId },
  );
  return (res.data.productVariant.inventoryItem.inventoryLevel?.quantities[0]?.quantity as number | undefined) ?? 0;
}

/** The order as Shopify shows it (staff token). */
export async function shopifyOrder(env: ShopifyTestEnv, f: ExportFixture, id: string): Promise<any> {
  const res = await gql(
    env,
    f.shop,
    f.token,
    `query($id: ID!) { order(id: $id) {
      id name email poNumber note tags sourceName sourceIdentifier currencyCode processedAt cancelledAt
      displayFinancialStatus displayFulfillmentStatus
      customAttributes { key value }
      customer { id email firstName lastName tags }
      shippingAddress { firstName lastName company address1 address2 city province provinceCode zip countryCodeV2 phone }
      billingAddress { firstName lastName company address1 city province provinceCode zip countryCodeV2 }
      shippingLines(first: 5) { nodes { title originalPriceSet { shopMoney { amount } } } }
      taxLines { title }
      fulfillments(first: 5) { location { id } }
      lineItems(first: 50) { nodes { quantity requiresShipping variant { id } originalUnitPriceSet { shopMoney { amount currencyCode } }
        customAttributes { key value } taxLines { title rate priceSet { shopMoney { amount } } } } }
    } }`,
    { id },
  );
  expect(res.errors).toBeUndefined();
  return res.data.order;
}

export interface RecordedCall {
  operation: string;
  requested: number | null;
  actual: number | null;
}

/** Records every GraphQL call the app makes (operation name and cost) while `run` runs. */
export async function recordCalls<T>(env: ShopifyTestEnv, run: () => Promise<T>): Promise<{ result: T; calls: RecordedCall[] }> {
  const client = env.t.app.get(ShopifyGraphqlClient);
  const original = client.request.bind(client);
  const calls: RecordedCall[] = [];
  const spy = jest.spyOn(client, 'request').mockImplementation(async (ctx, query, variables) => {
    const answer = await original(ctx, query, variables);
    calls.push({
      operation: /^(?:query|mutation)\s+(\w+)/.exec(query.trim())?.[1] ?? 'anonymous',
      requested: answer.cost?.requestedQueryCost ?? null,
      actual: answer.cost?.actualQueryCost ?? null,
    });
    return answer;
  });
  try {
    return { result: await run(), calls };
  } finally {
    spy.mockRestore();
  }
}
