/* eslint-disable @typescript-eslint/no-explicit-any, @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-return, @typescript-eslint/no-unsafe-call, @typescript-eslint/no-unsafe-argument -- dynamic GraphQL bodies */
import { until } from '@gantry/testing';
import type { OrdersFixture } from './orders-in.fixture';
import { gql, type ShopifyTestEnv } from './shopify-test.env';

export interface ReturnRow {
  id: string;
  externalId: string;
  state: string;
  reason: string | null;
  channelStatus: string | null;
  warehouseReturnId: string | null;
  dueAt: string | null;
}

/** The engine's record of one Shopify return once it is decided (nothing due) and `want` holds. */
export async function decidedReturn(
  env: ShopifyTestEnv,
  f: OrdersFixture,
  returnId: string,
  want: (row: ReturnRow) => boolean = () => true,
  timeoutMs = 30_000,
): Promise<ReturnRow> {
  const row = await until(
    async () => {
      const res = await env.t.http().get(`/api/v1/stores/${f.storeId}/channel-returns?limit=500`).expect(200);
      return (res.body as ReturnRow[]).find((r) => r.externalId === returnId);
    },
    (row): row is ReturnRow => row !== undefined && row.dueAt === null && row.state !== 'pending' && want(row),
    `return ${returnId} to be decided`,
    timeoutMs,
  );
  return row as ReturnRow;
}

/** The customer asks to return `quantity` of the order's first fulfilled unit of each SKU given (staff token, as the storefront would). */
export async function requestReturn(
  env: ShopifyTestEnv,
  f: OrdersFixture,
  orderId: string,
  lines: { sku: string; quantity: number }[],
  mutation: 'returnRequest' | 'returnCreate' = 'returnRequest',
): Promise<string> {
  const order = await gql(
    env,
    f.shop,
    f.token,
    `query($id: ID!) { order(id: $id) { fulfillments(first: 20) { fulfillmentLineItems(first: 50) { nodes { id lineItem { sku } } } } } }`,
    { id: orderId },
  );
  const units = order.data.order.fulfillments.flatMap((x: any) => x.fulfillmentLineItems.nodes);
  const returnLineItems = lines.map((l) => ({
    fulfillmentLineItemId: units.find((u: any) => u.lineItem.sku === l.sku)?.id,
    quantity: l.quantity,
    ...(mutation === 'returnRequest' ? { returnReason: 'SIZE_TOO_SMALL', customerNote: 'too tight' } : { returnReasonNote: 'scuffed' }),
  }));
  const res =
    mutation === 'returnRequest'
      ? await gql(
          env,
          f.shop,
          f.token,
          `mutation($input: ReturnRequestInput!) { returnRequest(input: $input) { return { id } userErrors { field message } } }`,
          { input: { orderId, returnLineItems } },
        )
      : await gql(
          env,
          f.shop,
          f.token,
          `mutation($input: ReturnInput!) { returnCreate(returnInput: $input) { return { id } userErrors { field message } } }`,
          { input: { orderId, returnLineItems } },
        );
  const payload = res.data[mutation];
  expect(payload.userErrors).toEqual([]);
  return payload.return.id as string;
}

export async function returnMutation(
  env: ShopifyTestEnv,
  f: OrdersFixture,
  name: string,
  input: string,
  variables: Record<string, unknown>,
): Promise<void> {
  const res = await gql(env, f.shop, f.token, `mutation${input} { ${name} { userErrors { field message } } }`, variables);
  expect(res.errors).toBeUndefined();
  expect(res.data[Object.keys(res.data)[0]].userErrors).toEqual([]);
}

/** The return on Shopify: status and what was disposed of it. */
export async function shopifyReturn(
  env: ShopifyTestEnv,
  f: OrdersFixture,
  id: string,
): Promise<{ status: string; dispositions: { type: string; quantity: number; location: string | null }[] }> {
  const res = await gql(
    env,
    f.shop,
    f.token,
    `query($id: ID!) { return(id: $id) { status reverseFulfillmentOrders(first: 5) { nodes { lineItems(first: 20) { nodes { dispositions { type quantity location { id } } } } } } } }`,
    { id },
  );
  const r = res.data.return;
  return {
    status: r.status,
    dispositions: r.reverseFulfillmentOrders.nodes.flatMap((o: any) =>
      o.lineItems.nodes.flatMap((l: any) =>
        l.dispositions.map((d: any) => ({ type: d.type, quantity: d.quantity, location: d.location?.id ?? null })),
      ),
    ),
  };
}

/** Shopify's available quantity of a variant at a location. */
export async function shopifyAvailable(env: ShopifyTestEnv, f: OrdersFixture, variantId: string, locationId: string): Promise<number> {
  const res = await gql(
    env,
    f.shop,
    f.token,
    `query($id: ID!, $loc: ID!) { productVariant(id: $id) { inventoryItem { inventoryLevel(locationId: $loc) { quantities(names: ["available"]) { quantity } } } } }`,
    { id: variantId, loc: locationId },
  );
  return res.data.productVariant.inventoryItem.inventoryLevel.quantities[0].quantity as number;
}
