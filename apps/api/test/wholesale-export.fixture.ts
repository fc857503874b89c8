/* eslint-disable @typescript-eslint/no-explicit-any, @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-return -- dynamic JSON bodies */
import { PluginService, Role } from '@gantry/core';
import { until } from '@gantry/testing';
import { setupExportShop, type ExportFixture } from '../../../libs/channels/shopify/test/order-export.fixture';
import { ShopifyHoldingProxy } from '../../../libs/channels/shopify/test/shopify-holding.proxy';
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

/** The wholesale environment, optionally with a holding proxy between the app and Shopify. */
export interface WholesaleEnv extends ShopifyTestEnv {
  /** What the app calls instead of Shopify when asked for: it can drop or hold an answer after Shopify applied the request. */
  proxy: ShopifyHoldingProxy | null;
}

/** As startWholesaleEnv, with a choice of role (the worker or not) and of a holding proxy in front of Shopify for the app. */
export async function startWholesaleEnvWith(options: { worker?: boolean; proxy?: boolean } = {}): Promise<WholesaleEnv> {
  const holder: { proxy: ShopifyHoldingProxy | null } = { proxy: null };
  const env = await startShopifyEnv({
    worker: options.worker ?? true,
    shopifyUrl: async (url) => {
      const health = (await (await fetch(`${url}/__sandbox/health`)).json()) as { smtpPort: number };
      process.env.JOOR_API_URL = `${url}/joor/v2`;
      process.env.SMTP_URL = `smtp://127.0.0.1:${health.smtpPort}`;
      if (options.proxy) {
        holder.proxy = await ShopifyHoldingProxy.start(url);
        return holder.proxy.url;
      }
      return url;
    },
  });
  await env.t.app.get(PluginService).activate('joor-b2b');
  return {
    ...env,
    proxy: holder.proxy,
    close: async () => {
      holder.proxy?.disarm();
      await env.close();
      await holder.proxy?.close();
    },
  };
}

/** Shopify's injected faults for the shop (errorRate: 5xx or reset before executing; throttle: every call THROTTLED). */
export async function shopifyFaults(
  env: ShopifyTestEnv,
  shop: string,
  faults: { errorRate?: number; throttle?: boolean; latencyMs?: number },
): Promise<void> {
  const res = await sandboxPost(env, '/__sandbox/faults', { shop, ...faults });
  expect(res.shop).toBe(shop);
}

export interface ShopifyCall {
  operationName: string | null;
  status: number;
  throttled: boolean;
  errors: string[];
  fault: string | null;
}

/** The Admin API calls the sandbox received for the shop, oldest first. */
export async function shopifyLog(env: ShopifyTestEnv, shop: string): Promise<ShopifyCall[]> {
  return ((await (await fetch(`${env.sandboxUrl}/__sandbox/shops/${shop}/log`)).json()) as { calls: ShopifyCall[] }).calls;
}

/** orderCreate calls of the export that Shopify executed (not faulted, not throttled, no errors). */
export function executedCreates(calls: ShopifyCall[]): number {
  return calls.filter((c) => c.operationName === 'ExportOrderCreate' && c.status === 200 && !c.throttled && c.errors.length === 0).length;
}

export interface JoorCall {
  method: string;
  path: string;
  query: Record<string, string>;
  status: number;
  fault: string | null;
  marked: string[];
}

/** The JOOR API calls the sandbox received for the account, oldest first. */
export async function joorLog(env: ShopifyTestEnv, account: string): Promise<JoorCall[]> {
  return ((await (await fetch(`${env.sandboxUrl}/__sandbox/joor/accounts/${account}/log`)).json()) as { calls: JoorCall[] }).calls;
}

export interface ShopifyOrderRef {
  id: string;
  name: string;
  sourceIdentifier: string | null;
  cancelledAt: string | null;
}

/** Every order of the shop (staff token), oldest first. */
export async function allShopifyOrders(env: ShopifyTestEnv, f: WholesaleFixture): Promise<ShopifyOrderRef[]> {
  const out: ShopifyOrderRef[] = [];
  let after: string | null = null;
  do {
    const res = await gql(
      env,
      f.shop,
      f.token,
      `query($after: String) { orders(first: 250, after: $after, sortKey: ID) {
        nodes { id name sourceIdentifier cancelledAt } pageInfo { hasNextPage endCursor } } }`,
      { after },
    );
    expect(res.errors).toBeUndefined();
    out.push(...(res.data.orders.nodes as ShopifyOrderRef[]));
    after = res.data.orders.pageInfo.hasNextPage ? (res.data.orders.pageInfo.endCursor as string) : null;
  } while (after);
  return out;
}

/** The shop's orders found by Shopify's search on an export identity (as the engine's lookup searches). */
export async function shopifyOrdersByIdentity(env: ShopifyTestEnv, f: WholesaleFixture, identity: string): Promise<ShopifyOrderRef[]> {
  const res = await gql(
    env,
    f.shop,
    f.token,
    `query($q: String!) { orders(first: 10, query: $q) { nodes { id name sourceIdentifier cancelledAt } } }`,
    { q: `source_identifier:'${identity}'` },
  );
  expect(res.errors).toBeUndefined();
  return res.data.orders.nodes as ShopifyOrderRef[];
}

/** The store's export runs, newest first, with their counts by outcome. */
export async function exportRuns(env: ShopifyTestEnv, f: WholesaleFixture): Promise<any[]> {
  return (await env.t.http().get(`/api/v1/sync-runs?storeId=${f.joorStoreId}&kind=wholesale-export&limit=500`).expect(200)).body;
}

/** Run items by outcome, summed over runs. */
export function outcomeTotals(runs: { counts: Record<string, number> | null }[]): Record<string, number> {
  const totals: Record<string, number> = {};
  for (const run of runs) {
    for (const [outcome, n] of Object.entries(run.counts ?? {})) {
      totals[outcome] = (totals[outcome] ?? 0) + n;
    }
  }
  return totals;
}
