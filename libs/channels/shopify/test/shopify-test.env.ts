/* eslint-disable @typescript-eslint/no-explicit-any, @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-member-access -- test helper over dynamic JSON bodies */
import { createHmac } from 'node:crypto';
import { createServer } from 'node:net';
import { PluginService, Role } from '@gantry/core';
import { createSandboxServer, startTestApp, type SandboxServer, type TestApp } from '@gantry/testing';
import type { Test } from 'supertest';

export const API_KEY = 'shopify-test-key';
export const API_SECRET = 'shopify-test-secret';

export interface ShopifyTestEnv {
  t: TestApp;
  sandbox: SandboxServer;
  sandboxUrl: string;
  close(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** The sandbox on a random port, then the app on a port known before boot (APP_URL is read at boot). */
export async function startShopifyEnv(
  options: {
    worker?: boolean;
    /** What the app calls instead of the sandbox (a proxy in front of it). */ shopifyUrl?: (sandboxUrl: string) => Promise<string>;
  } = {},
): Promise<ShopifyTestEnv> {
  const sandbox = createSandboxServer({ webhookBackoffMs: 5, webhookTimeoutMs: 2000 });
  const { url: sandboxUrl } = await sandbox.listen(0);
  const port = await freePort();
  process.env.SHOPIFY_SANDBOX_URL = options.shopifyUrl ? await options.shopifyUrl(sandboxUrl) : sandboxUrl;
  process.env.SHOPIFY_API_KEY = API_KEY;
  process.env.SHOPIFY_API_SECRET = API_SECRET;
  process.env.APP_URL = `http://127.0.0.1:${port}`;
  const t = await startTestApp({ worker: options.worker ?? true, port });
  await t.app.get(PluginService).activate('shopify');
  return {
    t,
    sandbox,
    sandboxUrl,
    close: async () => {
      await t.close();
      await sandbox.close();
    },
  };
}

export async function sandboxPost(env: ShopifyTestEnv, path: string, body: unknown): Promise<any> {
  const res = await fetch(`${env.sandboxUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return res.json();
}

export async function createShop(env: ShopifyTestEnv, shop: string, extra: Record<string, unknown> = {}): Promise<string> {
  const res = await sandboxPost(env, '/__sandbox/shops', { shop, apiKey: API_KEY, apiSecret: API_SECRET, ...extra });
  return res.staffAccessToken as string;
}

export async function gql(
  env: ShopifyTestEnv,
  shop: string,
  token: string,
  query: string,
  variables?: Record<string, unknown>,
): Promise<any> {
  const res = await fetch(`${env.sandboxUrl}/${shop}/admin/api/2026-07/graphql.json`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-shopify-access-token': token },
    body: JSON.stringify({ query, variables }),
  });
  return res.json();
}

/** POST /stores/shopify, then the merchant's browser on the sandbox: consent page, Install; returns the callback URL and cookie. */
export async function beginInstall(
  env: ShopifyTestEnv,
  shopDomain: string,
  options: {
    scope?: string;
    /** Who starts the flow: POST /stores/shopify with this body (an integration manager's key unless given). */
    start?: (body: { shopDomain: string }) => Test;
  } = {},
): Promise<{ storeId: string; callback: URL; cookie: string }> {
  const start = options.start ?? ((body) => env.t.http(Role.INTEGRATION_MANAGER).post('/api/v1/stores/shopify').send(body));
  const res = await start({ shopDomain }).expect(201);
  const cookie = (res.headers['set-cookie'] as unknown as string[]).map((c) => c.split(';')[0]).join('; ');
  const authorize = new URL(res.body.authorizeUrl as string);
  if (options.scope !== undefined) {
    // The merchant may edit the scope in the URL (research §5.1): the grant then has fewer scopes.
    authorize.searchParams.set('scope', options.scope);
  }
  const page = await fetch(authorize);
  const html = await page.text();
  const form = new URLSearchParams();
  for (const m of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) {
    form.set(
      m[1],
      m[2].replace(/&#(\d+);/g, (_s, c: string) => String.fromCharCode(Number(c))),
    );
  }
  const action = /<form method="post" action="([^"]+)"/.exec(html)?.[1] as string;
  const approved = await fetch(`${env.sandboxUrl}${action}`, { method: 'POST', body: form, redirect: 'manual' });
  expect(approved.status).toBe(302);
  return { storeId: res.body.storeId as string, callback: new URL(approved.headers.get('location') as string), cookie };
}

/** The browser following the redirect back to our callback with its cookie. */
export function followCallback(callback: URL, cookie: string): Promise<Response> {
  return fetch(callback, { headers: { cookie }, redirect: 'manual' });
}

export async function connectShop(env: ShopifyTestEnv, shop: string, options: { scope?: string } = {}): Promise<string> {
  const { storeId, callback, cookie } = await beginInstall(env, shop, options);
  const res = await followCallback(callback, cookie);
  expect(res.status).toBe(302);
  return storeId;
}

export function sign(body: string, secret = API_SECRET): string {
  return createHmac('sha256', secret).update(body, 'utf8').digest('base64');
}
