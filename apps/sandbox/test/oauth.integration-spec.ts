import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Shopify } from '@shopify/shopify-api';
import { API_KEY, API_SECRET, SandboxHarness } from './sandbox-test.harness';

const BROWSER = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36';

describe('OAuth as Shopify does it', () => {
  let h: SandboxHarness;
  let shopify: Shopify;
  let app: Server;
  let appUrl: string;
  const shop = 'oauth-shop.myshopify.com';
  let lastCallback: { ok: boolean; token?: string; refreshToken?: string; scope?: string; error?: string } = { ok: false };

  beforeAll(async () => {
    h = await SandboxHarness.start();
    await h.createShop(shop);
    shopify = SandboxHarness.shopify(['read_products', 'write_inventory']);
    // A minimal app that uses the library's begin/callback, as the connector will.
    app = createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://localhost');
      if (url.pathname === '/auth') {
        void shopify.auth.begin({ shop, callbackPath: '/auth/callback', isOnline: false, rawRequest: req, rawResponse: res });
        return;
      }
      shopify.auth
        .callback({ rawRequest: req, rawResponse: res, expiring: url.searchParams.get('x-expiring') === '1' })
        .then(({ session }) => {
          lastCallback = {
            ok: true,
            token: session.accessToken,
            refreshToken: (session as { refreshToken?: string }).refreshToken,
            scope: session.scope,
          };
          res.writeHead(200).end('ok');
        })
        .catch((error: Error) => {
          lastCallback = { ok: false, error: `${error.constructor.name}: ${error.message}` };
          res.writeHead(400).end('refused');
        });
    });
    await new Promise<void>((resolve) => app.listen(0, '127.0.0.1', resolve));
    appUrl = `http://127.0.0.1:${(app.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await h.stop();
    await new Promise((resolve) => app.close(resolve));
  });

  /** begin → consent page → Install → redirect back; returns the callback query and the state cookies. */
  const walk = async () => {
    const begin = await fetch(`${appUrl}/auth`, { redirect: 'manual', headers: { 'user-agent': BROWSER } });
    expect(begin.status).toBe(302);
    const cookies = begin.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    const authorize = new URL(begin.headers.get('location') as string);
    expect(authorize.host).toBe(shop);
    expect(authorize.pathname).toBe('/admin/oauth/authorize');
    const page = await fetch(`${h.url}/${shop}${authorize.pathname}${authorize.search}`);
    const html = await page.text();
    expect(html).toContain('Install');
    const form = new URLSearchParams();
    for (const m of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) {
      form.set(
        m[1],
        m[2].replace(/&#(\d+);/g, (_s, c: string) => String.fromCharCode(Number(c))),
      );
    }
    const action = /<form method="post" action="([^"]+)"/.exec(html)?.[1] as string;
    const approved = await fetch(`${h.url}${action}`, { method: 'POST', body: form, redirect: 'manual' });
    expect(approved.status).toBe(302);
    const callback = new URL(approved.headers.get('location') as string);
    expect(callback.origin + callback.pathname).toBe('https://app.gantry.test/auth/callback');
    expect([...callback.searchParams.keys()].sort()).toEqual(['code', 'hmac', 'host', 'shop', 'state', 'timestamp']);
    expect(Buffer.from(callback.searchParams.get('host') as string, 'base64').toString()).toBe('admin.shopify.com/store/oauth-shop');
    return { query: callback.searchParams, cookies };
  };
  const callback = (query: URLSearchParams, cookies: string, extra = '') =>
    fetch(`${appUrl}/auth/callback?${query.toString()}${extra}`, { headers: { cookie: cookies, 'user-agent': BROWSER } });

  it('completes the round trip and the token works with the granted scopes only', async () => {
    const { query, cookies } = await walk();
    expect((await callback(query, cookies)).status).toBe(200);
    expect(lastCallback).toMatchObject({ ok: true, scope: 'read_products,write_inventory' });
    const token = lastCallback.token as string;
    const ok = await h.gql(shop, token, '{ products(first: 1) { nodes { id } } }');
    expect(ok.body.errors).toBeUndefined();
    const denied = await h.gql(shop, token, '{ orders(first: 1) { nodes { id } } }');
    expect(denied.body.errors[0].extensions.code).toBe('ACCESS_DENIED');
    // Codes are single-use.
    const reuse = await h.post(`/${shop}/admin/oauth/access_token`, {
      client_id: API_KEY,
      client_secret: API_SECRET,
      code: query.get('code'),
    });
    expect(reuse.error).toBe('invalid_request');
  });

  it('refuses a forged hmac and a wrong state', async () => {
    const forged = await walk();
    forged.query.set('hmac', '0'.repeat(64));
    expect((await callback(forged.query, forged.cookies)).status).toBe(400);
    expect(lastCallback).toEqual({ ok: false, error: 'InvalidOAuthError: Invalid OAuth callback.' });
    // Refused before the token exchange: the sandbox's code is still unused.
    const unused = await h.post(`/${shop}/admin/oauth/access_token`, {
      client_id: API_KEY,
      client_secret: API_SECRET,
      code: forged.query.get('code'),
    });
    expect(unused.access_token).toMatch(/^shpat_/);
    const first = await walk();
    const second = await walk();
    expect((await callback(first.query, second.cookies)).status).toBe(400);
    expect(lastCallback).toEqual({ ok: false, error: 'InvalidOAuthError: Invalid OAuth callback.' });
    expect((await callback(first.query, first.cookies)).status).toBe(200);
  });

  it('issues expiring tokens and rotates refresh tokens', async () => {
    const { redirectUrl } = await h.post('/__sandbox/oauth/approve', {
      shop,
      clientId: API_KEY,
      scope: 'read_products',
      redirectUri: 'https://app.gantry.test/auth/callback',
      state: 's',
    });
    const code = new URL(redirectUrl as string).searchParams.get('code');
    const form = new URLSearchParams({ client_id: API_KEY, client_secret: API_SECRET, code: code as string, expiring: '1' });
    const issued = (await (await fetch(`${h.url}/${shop}/admin/oauth/access_token`, { method: 'POST', body: form })).json()) as {
      access_token: string;
      refresh_token: string;
    };
    expect(issued).toMatchObject({ expires_in: 3600, refresh_token_expires_in: 7776000, scope: 'read_products' });
    const refreshed = await shopify.auth.refreshToken({ shop, refreshToken: issued.refresh_token });
    expect(refreshed.session.accessToken).toMatch(/^shpat_/);
    expect(refreshed.session.accessToken).not.toBe(issued.access_token);
    const ok = await h.gql(shop, refreshed.session.accessToken as string, '{ shop { name } }');
    expect(ok.status).toBe(200);
    const reused = await h.post(`/${shop}/admin/oauth/access_token`, {
      client_id: API_KEY,
      client_secret: API_SECRET,
      grant_type: 'refresh_token',
      refresh_token: issued.refresh_token,
    });
    expect(reused.error).toBe('invalid_grant');
  });

  it('uninstalling revokes the app tokens and sends app/uninstalled', async () => {
    const { query, cookies } = await walk();
    await callback(query, cookies);
    const token = lastCallback.token as string;
    const received: string[] = [];
    const hook = createServer((req, res) => {
      received.push(String(req.headers['x-shopify-topic']));
      res.writeHead(200).end();
    });
    await new Promise<void>((resolve) => hook.listen(0, '127.0.0.1', resolve));
    const uri = `http://127.0.0.1:${(hook.address() as AddressInfo).port}/hooks`;
    const sub = await h.gql(
      shop,
      token,
      `mutation { webhookSubscriptionCreate(topic: APP_UNINSTALLED, webhookSubscription: { uri: "${uri}" }) { userErrors { message } } }`,
    );
    expect(sub.body.data.webhookSubscriptionCreate.userErrors).toEqual([]);
    await h.post(`/__sandbox/shops/${shop}/uninstall`, {});
    await h.server.webhooks.idle();
    expect(received).toEqual(['app/uninstalled']);
    expect((await h.gql(shop, token, '{ shop { name } }')).status).toBe(401);
    await new Promise((resolve) => hook.close(resolve));
  });
});
