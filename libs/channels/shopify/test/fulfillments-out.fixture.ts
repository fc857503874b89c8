/* eslint-disable @typescript-eslint/no-explicit-any, @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-return, @typescript-eslint/no-unsafe-call, @typescript-eslint/no-unsafe-argument -- dynamic GraphQL bodies */
import { until } from '@gantry/testing';
import { decided, shopifyOrder, type OrdersFixture } from './orders-in.fixture';
import { gql, type ShopifyTestEnv } from './shopify-test.env';

export interface PushRow {
  id: string;
  shipmentId: string;
  state: string;
  reason: string | null;
  fulfillments: { externalId: string }[];
  outcomeUnknown: boolean;
  trackingPending: boolean;
  tracking: { carrier: string | null; numbers: string[]; urls: (string | null)[] };
  dueAt: string | null;
  lastError: string | null;
}

/** A Shopify order imported into the WMS; returns the Shopify order and its warehouse order ids (one per warehouse). */
export async function importedOrder(
  env: ShopifyTestEnv,
  f: OrdersFixture,
  lines: { variant: number; quantity: number }[],
): Promise<{ id: string; warehouseOrders: { warehouseOrderId: string; warehouseId: string }[] }> {
  const order = await shopifyOrder(env, f, lines);
  const row = await decided(env, f, order.id);
  expect(row.state).toBe('imported');
  return { id: order.id, warehouseOrders: row.warehouseOrders };
}

export async function ship(env: ShopifyTestEnv, warehouseOrderId: string, body: Record<string, unknown>): Promise<{ id: string }> {
  const res = await env.t.http().post(`/api/v1/orders/${warehouseOrderId}/shipments`).send(body);
  expect({ status: res.status, body: res.body }).toMatchObject({ status: 201 });
  return res.body as { id: string };
}

/** The shipment's push once it is settled (nothing due) and, if given, `want` holds. */
export async function settledPush(
  env: ShopifyTestEnv,
  f: OrdersFixture,
  shipmentId: string,
  want: (row: PushRow) => boolean = () => true,
  timeoutMs = 30_000,
): Promise<PushRow> {
  const row = await until(
    async () => {
      const res = await env.t.http().get(`/api/v1/stores/${f.storeId}/fulfillment-pushes?shipmentId=${shipmentId}`).expect(200);
      return (res.body as PushRow[])[0];
    },
    (row): row is PushRow =>
      row !== undefined && row.state !== 'pending' && !row.trackingPending && (row.dueAt === null || row.state === 'held') && want(row),
    `the push of shipment ${shipmentId} to settle`,
    timeoutMs,
  );
  return row;
}

export interface ShopifyFulfillmentView {
  id: string;
  status: string;
  trackingInfo: { company: string | null; number: string | null; url: string | null }[];
  lines: Map<string, number>;
}

/** The order as Shopify shows it: fulfillment status, fulfillments (lines by SKU), fulfillment orders. */
export async function shopifySide(
  env: ShopifyTestEnv,
  f: OrdersFixture,
  orderId: string,
): Promise<{
  status: string;
  fulfillments: ShopifyFulfillmentView[];
  fulfillmentOrders: { id: string; status: string; remaining: number }[];
}> {
  const res = await gql(
    env,
    f.shop,
    f.token,
    `query($id: ID!) { order(id: $id) { displayFulfillmentStatus
      fulfillments(first: 50) { id status trackingInfo(first: 10) { company number url } fulfillmentLineItems(first: 50) { nodes { quantity lineItem { sku } } } }
      fulfillmentOrders(first: 10) { nodes { id status lineItems(first: 50) { nodes { remainingQuantity } } } } } }`,
    { id: orderId },
  );
  const order = res.data.order;
  return {
    status: order.displayFulfillmentStatus,
    fulfillments: order.fulfillments.map((x: any) => ({
      id: x.id,
      status: x.status,
      trackingInfo: x.trackingInfo,
      lines: new Map(x.fulfillmentLineItems.nodes.map((l: any) => [l.lineItem.sku, l.quantity])),
    })),
    fulfillmentOrders: order.fulfillmentOrders.nodes.map((fo: any) => ({
      id: fo.id,
      status: fo.status,
      remaining: fo.lineItems.nodes.reduce((sum: number, l: any) => sum + l.remainingQuantity, 0),
    })),
  };
}

/** Admin API calls the app made to the shop, by operation name. */
export async function callsByOperation(env: ShopifyTestEnv, shop: string): Promise<Map<string, number>> {
  const log = (await (await fetch(`${env.sandboxUrl}/__sandbox/shops/${shop}/log`)).json()) as {
    calls: { operationName: string | null; staff: boolean }[];
  };
  const out = new Map<string, number>();
  for (const c of log.calls.filter((x) => !x.staff)) {
    out.set(c.operationName ?? '?', (out.get(c.operationName ?? '?') ?? 0) + 1);
  }
  return out;
}
