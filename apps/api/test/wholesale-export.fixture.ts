/* eslint-disable @typescript-eslint/no-explicit-any, @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-return -- dynamic JSON bodies */
import { PluginService, Role } from '@gantry/core';
import { until } from '@gantry/testing';
import { setupExportShop, type ExportFixture } from '../../../libs/channels/shopify/test/order-export.fixture';
import { gql, sandboxPost, startShopifyEnv, type ShopifyTestEnv } from '../../../libs/channels/shopify/test/shopify-test.env';

/** The app with both stand-ins: Shopify, JOOR (its v2 API under /joor/v2) and the SMTP receiver, all in one sandbox. */
export async function startWholesaleEnv(): Promise<ShopifyTestEnv> {
  const env = await startShopifyEnv({
    shopifyUrl: async (url) => {
      const health = (await (await fetch(`${url}/__sandbox/health`)).json()) as { smtpPort: number };
      process.env.JOOR_API_URL = `${url}/joor/v2`;
      process.env.SMTP_URL = `smtp://127.0.0.1:${health.smtpPort}`;
      return url;
    },
  });
  await env.t.app.get(PluginService).activate('joor-b2b');
  return env;
}

export interface WholesaleFixture extends ExportFixture {
  account: string;
  apiToken: string;
  joorStoreId: string;
  alertTo: string;
}

/** A connected Shopify shop (order-export fixture's catalog) and a JOOR account linked to it through the API. */
export async function setupWholesale(env: ShopifyTestEnv, name: string, settings: Record<string, unknown> = {}): Promise<WholesaleFixture> {
  const shop = await setupExportShop(env, `${name}.myshopify.com`);
  const account = `acct-${name}`;
  const apiToken = `token-${name}-0123456789`;
  const created = await sandboxPost(env, '/__sandbox/joor/accounts', { account, apiToken });
  expect(created.account).toBe(account);
  const res = await env.t
    .http(Role.INTEGRATION_MANAGER)
    .post('/api/v1/stores/joor')
    .send({ name: `JOOR ${name}`, apiToken, shopifyStoreId: shop.storeId })
    .expect(201);
  const joorStoreId = res.body.id as string;
  const alertTo = `ops-${name}@example.com`;
  await env.t
    .http(Role.ADMIN)
    .patch(`/api/v1/stores/${joorStoreId}/settings`)
    .send({ alertEmails: [alertTo], ...settings })
    .expect(200);
  return { ...shop, account, apiToken, joorStoreId, alertTo };
}

export interface JoorLine {
  /** A Shopify variant GID (its numeric id is JOOR's UPC, as JOOR's Shopify integration sets it), or null: a JOOR-only style. */
  variant: string | null;
  quantity: number;
  price?: string;
  name?: string;
}

const numeric = (gid: string): string => gid.slice(gid.lastIndexOf('/') + 1);

/** A JOOR v2 order (flat, numbers as strings) for these lines. */
export function joorOrder(orderId: string, lines: JoorLine[], over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    order_id: orderId,
    customer_purchase_order: `PO-${orderId}`,
    order_currency: 'USD',
    order_delivery_name: 'FW26 Delivery 1',
    order_delivery_code: 'FW26D1',
    order_season_code: 'FW26',
    date_ship_start: '2026-07-01',
    date_ship_end: '2026-07-31',
    order_comments: 'Please ship complete',
    customer_name: 'Boutique Nord',
    customer_code: '6789',
    customer_buyer_name: 'Anna Berg',
    company_name: 'Boutique Nord AB',
    created_by_email: 'anna@boutiquenord.example',
    payment_method_name: 'Net 30',
    shipping_method_name: 'UPS Ground',
    shipping_name: 'Boutique Nord',
    shipping_email: 'orders@boutiquenord.example',
    shipping_phone: '+46 8 123 456',
    shipping_address_1: 'Storgatan 1',
    shipping_city: 'Stockholm',
    shipping_postal_code: '111 22',
    shipping_country: 'Sweden',
    shipping_country_iso_two: 'SE',
    billing_name: 'Boutique Nord AB',
    billing_address_1: 'Box 42',
    billing_city: 'Stockholm',
    billing_postal_code: '111 23',
    billing_country: 'Sweden',
    billing_country_iso_two: 'SE',
    line_items: lines.map((l, i) => ({
      item_name: l.name ?? `Style ${i + 1}`,
      item_number: `STYLE-${i + 1}`,
      item_style_id: `70${i}`,
      item_upc: l.variant ? numeric(l.variant) : `990000${orderId}${i}`,
      item_quantity: String(l.quantity),
      item_price: l.price ?? '21.00',
      item_unit_price: l.price ?? '21.00',
      item_price_adjustment: '0',
    })),
    ...over,
  };
}

export async function seedJoorOrder(
  env: ShopifyTestEnv,
  f: WholesaleFixture,
  order: Record<string, unknown>,
  status = 'APPROVED',
): Promise<void> {
  const res = await fetch(`${env.sandboxUrl}/__sandbox/joor/orders`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ account: f.account, order: { ...order, status } }),
  });
  expect(res.status).toBe(201);
}

export async function joorControl(env: ShopifyTestEnv, path: string, body: unknown = {}): Promise<any> {
  const res = await fetch(`${env.sandboxUrl}/__sandbox/joor${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(res.status).toBeLessThan(300);
  return res.json();
}

/** The JOOR order as the stand-in holds it: export state, times marked, generation. */
export async function joorState(env: ShopifyTestEnv, orderId: string): Promise<any> {
  return (await fetch(`${env.sandboxUrl}/__sandbox/joor/orders/${orderId}`)).json();
}

/** Asks for a run (as an integration manager) and waits until it finished. */
export async function syncNow(env: ShopifyTestEnv, f: WholesaleFixture, timeoutMs = 30_000): Promise<any> {
  const res = await env.t.http(Role.INTEGRATION_MANAGER).post(`/api/v1/stores/${f.joorStoreId}/joor-sync`).expect(202);
  return finishedRun(env, res.body.id as string, timeoutMs);
}

export async function finishedRun(env: ShopifyTestEnv, runId: string, timeoutMs = 30_000): Promise<any> {
  return until(
    async () => (await env.t.http().get(`/api/v1/sync-runs/${runId}`).expect(200)).body,
    (run: any) => run.status !== 'running',
    `sync run ${runId} to finish`,
    timeoutMs,
  );
}

export async function exportsOf(env: ShopifyTestEnv, f: WholesaleFixture, query = ''): Promise<any[]> {
  return (await env.t.http().get(`/api/v1/exports?storeId=${f.joorStoreId}&limit=500${query}`).expect(200)).body;
}

/** The Shopify orders carrying a JOOR order's tag (staff token), oldest first. */
export async function shopifyOrdersOf(env: ShopifyTestEnv, f: WholesaleFixture, joorOrderId: string): Promise<any[]> {
  const res = await gql(
    env,
    f.shop,
    f.token,
    `query($q: String!) { orders(first: 50, query: $q, sortKey: ID) { nodes { id name sourceIdentifier cancelledAt } } }`,
    { q: `tag:'JOOR-${joorOrderId}'` },
  );
  expect(res.errors).toBeUndefined();
  return res.data.orders.nodes;
}

export async function cancelShopifyOrder(env: ShopifyTestEnv, f: WholesaleFixture, orderId: string): Promise<void> {
  const res = await gql(
    env,
    f.shop,
    f.token,
    `mutation($id: ID!) { orderCancel(orderId: $id, reason: CUSTOMER, restock: true) { userErrors { field message } } }`,
    { id: orderId },
  );
  expect(res.data.orderCancel.userErrors).toEqual([]);
}

export interface CaughtMail {
  to: string[];
  subject: string;
  text: string;
}

export async function mailsTo(env: ShopifyTestEnv, address: string): Promise<CaughtMail[]> {
  return (await fetch(`${env.sandboxUrl}/__sandbox/mail?to=${encodeURIComponent(address)}`)).json() as Promise<CaughtMail[]>;
}
