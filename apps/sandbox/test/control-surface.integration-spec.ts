import { CONTROL_ROUTES } from '../src/control/control-surface';
import { OAuthHmac } from '../src/oauth/oauth-hmac';
import { API_KEY, API_SECRET, SandboxHarness } from './sandbox-test.harness';

interface Layer {
  route?: { path: string | string[]; methods: Record<string, boolean> };
  handle?: { stack?: Layer[] };
}

/** Every METHOD path the express app serves, sub-routers included. */
function registeredRoutes(stack: Layer[]): string[] {
  const out: string[] = [];
  for (const layer of stack) {
    if (layer.route) {
      const paths = Array.isArray(layer.route.path) ? layer.route.path : [layer.route.path];
      for (const method of Object.keys(layer.route.methods).filter((m) => layer.route?.methods[m])) {
        paths.forEach((p) => out.push(`${method.toUpperCase()} ${p}`));
      }
    } else if (layer.handle?.stack) {
      out.push(...registeredRoutes(layer.handle.stack));
    }
  }
  return out;
}

describe('the sandbox explains itself and guards its apps', () => {
  let h: SandboxHarness;

  beforeAll(async () => {
    h = await SandboxHarness.start();
  });
  afterAll(() => h.stop());

  it('GET / and GET /__sandbox list the control surface, Shopify, OAuth, JOOR and SMTP', async () => {
    await h.createShop('listed.myshopify.com');
    for (const path of ['/', '/__sandbox']) {
      const { status, body } = await h.control('GET', path);
      expect(status).toBe(200);
      expect(body.shops).toContain('listed.myshopify.com');
      expect(body.shopify.adminGraphql.path).toBe('/{shop}/admin/api/{version}/graphql.json');
      expect(body.shopify.oauth.map((r: { path: string }) => r.path)).toEqual(
        expect.arrayContaining(['/{shop}/admin/oauth/authorize', '/{shop}/admin/oauth/access_token']),
      );
      expect(body.joor.base).toBe('/joor/v2');
      expect(body.smtp.port).toBe(h.smtpPort);
      for (const route of body.control) {
        expect(route).toEqual({ method: expect.any(String), path: expect.any(String), description: expect.any(String) });
      }
    }
  });

  it('lists every /__sandbox route the server has, and nothing it lacks', () => {
    const stack = (h.server.app as unknown as { router: { stack: Layer[] } }).router.stack;
    const served = new Set(registeredRoutes(stack).filter((r) => r.includes(' /__sandbox') || r.endsWith(' /')));
    expect(served.size).toBeGreaterThan(20);
    const listed = new Set(CONTROL_ROUTES.map((r) => `${r.method} ${r.path}`));
    expect([...served].filter((r) => !listed.has(r))).toEqual([]);
    expect([...listed].filter((r) => !served.has(r))).toEqual([]);
  });

  describe('POST /__sandbox/shops for an app that exists', () => {
    it('answers the same staff token for the same secret, and changes nothing', async () => {
      const first = await h.control('POST', '/__sandbox/shops', { shop: 'same.myshopify.com', apiKey: 'same-app', apiSecret: 's1' });
      expect(first.status).toBe(201);
      expect(first.body.created).toBe(true);
      const again = await h.control('POST', '/__sandbox/shops', { shop: 'same.myshopify.com', apiKey: 'same-app', apiSecret: 's1' });
      expect(again.status).toBe(200);
      expect(again.body).toEqual({ shop: 'same.myshopify.com', staffAccessToken: first.body.staffAccessToken, created: false });
      expect(h.server.store.raw.apps['same-app'].apiSecret).toBe('s1');
    });

    it('refuses another secret with 409 naming the app, unless replaceSecret: true', async () => {
      await h.control('POST', '/__sandbox/shops', { shop: 'guarded.myshopify.com', apiKey: 'gantry-demo-app', apiSecret: 'secret-1' });
      // Another shop of the same app counts too: the app (and its secret) is one across shops.
      const refused = await h.control('POST', '/__sandbox/shops', {
        shop: 'guarded-2.myshopify.com',
        apiKey: 'gantry-demo-app',
        apiSecret: 'secret-2',
      });
      expect(refused).toEqual({
        status: 409,
        body: { error: 'app gantry-demo-app already exists with another secret; send replaceSecret: true to replace it' },
      });
      expect(h.server.store.raw.apps['gantry-demo-app'].apiSecret).toBe('secret-1');
      expect(h.server.store.shop('guarded-2.myshopify.com')).toBeUndefined();

      const bad = await h.control('POST', '/__sandbox/shops', {
        shop: 'guarded.myshopify.com',
        apiKey: 'gantry-demo-app',
        apiSecret: 'secret-2',
        replaceSecret: 'yes',
      });
      expect(bad.status).toBe(400);

      const replaced = await h.control('POST', '/__sandbox/shops', {
        shop: 'guarded.myshopify.com',
        apiKey: 'gantry-demo-app',
        apiSecret: 'secret-2',
        replaceSecret: true,
      });
      expect(replaced.status).toBe(200);
      expect(h.server.store.raw.apps['gantry-demo-app'].apiSecret).toBe('secret-2');
    });
  });

  describe('POST /__sandbox/oauth/approve {authorizeUrl}', () => {
    const shop = 'approve.myshopify.com';
    const redirectUri = 'http://127.0.0.1:3999/api/v1/auth/shopify/callback';
    beforeAll(() => h.createShop(shop));

    it('does what Install does and answers the callback URL, whose code buys a token', async () => {
      const params = new URLSearchParams({
        client_id: API_KEY,
        scope: 'read_products,write_inventory',
        redirect_uri: redirectUri,
        state: 'n0nce',
      });
      // As Gantry builds it with SHOPIFY_SANDBOX_URL: the shop as a path prefix.
      const authorizeUrl = `${h.url}/${shop}/admin/oauth/authorize?${params.toString()}`;
      const { status, body } = await h.control('POST', '/__sandbox/oauth/approve', { authorizeUrl });
      expect(status).toBe(200);
      const callback = new URL(body.callbackUrl as string);
      expect(`${callback.origin}${callback.pathname}`).toBe(redirectUri);
      const q = Object.fromEntries(callback.searchParams);
      expect(q).toMatchObject({ shop, state: 'n0nce', code: expect.any(String), hmac: expect.any(String) });
      // Signed with the app's secret, as Shopify signs the redirect.
      expect(OAuthHmac.verify(q, API_SECRET)).toBe(true);

      const token = await h.post(`/${shop}/admin/oauth/access_token`, { client_id: API_KEY, client_secret: API_SECRET, code: q.code });
      expect(token.scope).toBe('read_products,write_inventory');
      const res = await h.gql(shop, token.access_token as string, '{ shop { myshopifyDomain } }');
      expect(res.body.data.shop.myshopifyDomain).toBe(shop);
    });

    it('reads the shop from the host of a real Shopify authorize URL too', async () => {
      const params = new URLSearchParams({ client_id: API_KEY, scope: 'read_products', redirect_uri: redirectUri, state: 's' });
      const { status, body } = await h.control('POST', '/__sandbox/oauth/approve', {
        authorizeUrl: `https://${shop}/admin/oauth/authorize?${params.toString()}`,
      });
      expect(status).toBe(200);
      expect(new URL(body.callbackUrl as string).searchParams.get('shop')).toBe(shop);
    });

    it('refuses what is not an authorize URL (400) and an unknown shop or app (404)', async () => {
      expect((await h.control('POST', '/__sandbox/oauth/approve', { authorizeUrl: 'not a url' })).status).toBe(400);
      expect((await h.control('POST', '/__sandbox/oauth/approve', { authorizeUrl: `${h.url}/${shop}/admin/products` })).status).toBe(400);
      const params = new URLSearchParams({ client_id: 'no-such-app', redirect_uri: redirectUri });
      expect(
        (
          await h.control('POST', '/__sandbox/oauth/approve', {
            authorizeUrl: `${h.url}/${shop}/admin/oauth/authorize?${params.toString()}`,
          })
        ).status,
      ).toBe(404);
    });
  });
});
