/* eslint-disable @typescript-eslint/no-explicit-any, @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-return -- test helper over dynamic JSON bodies */
import '@shopify/shopify-api/adapters/node';
import { ApiVersion, LogSeverity, Session, shopifyApi, type Shopify } from '@shopify/shopify-api';
import { setAbstractFetchFunc } from '@shopify/shopify-api/runtime';
import { createSandboxServer, type SandboxServer, type SandboxServerOptions } from '../src/sandbox.server';

export const API_KEY = 'test-api-key';
export const API_SECRET = 'test-api-secret';
export const VERSION = '2026-07';

let sandboxPort = 0;
const realFetch = globalThis.fetch;
// Shopify-bound calls from the library go to the sandbox, shop kept as a path prefix (research §6.5).
setAbstractFetchFunc(async (input, init) => {
  const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.toString() : input.url);
  if (url.hostname.endsWith('.myshopify.com')) {
    const target = `http://127.0.0.1:${sandboxPort}/${url.hostname}${url.pathname}${url.search}`;
    return realFetch(target, init);
  }
  return realFetch(url.toString(), init);
});

export interface JoorResponse {
  status: number;
  headers: Headers;
  body: any;
}

export interface GqlResponse {
  status: number;
  body: { data?: any; errors?: any; extensions?: any };
  text: string;
}

/** A sandbox (HTTP and SMTP) on random ports plus helpers that talk to it over real HTTP. */
export class SandboxHarness {
  private constructor(
    readonly server: SandboxServer,
    readonly url: string,
    /** The SMTP receiver's port (null when started with smtpPort: null). */
    readonly smtpPort: number | null,
  ) {}

  static async start(options: SandboxServerOptions = {}): Promise<SandboxHarness> {
    const server = createSandboxServer({ webhookBackoffMs: 5, webhookTimeoutMs: 2000, smtpPort: 0, ...options });
    const { port, url, smtpPort } = await server.listen(0);
    sandboxPort = port;
    return new SandboxHarness(server, url, smtpPort);
  }

  stop(): Promise<void> {
    return this.server.close();
  }

  async post(path: string, body: unknown): Promise<any> {
    const res = await realFetch(`${this.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return res.json();
  }

  async get(path: string): Promise<any> {
    return (await realFetch(`${this.url}${path}`)).json();
  }

  /** A control call whose status matters too. */
  async control(method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown): Promise<{ status: number; body: any }> {
    const res = await realFetch(`${this.url}${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, body: await res.json() };
  }

  /** A JOOR v2 call as JOOR clients make it: `Authorization: OAuth2 <base64 token>`, JSON. */
  async joor(token: string | null, path: string, headers: Record<string, string> = {}): Promise<JoorResponse> {
    const auth: Record<string, string> = token === null ? {} : { authorization: `OAuth2 ${Buffer.from(token).toString('base64')}` };
    const res = await realFetch(`${this.url}/joor/v2${path}`, { headers: { accept: 'application/json', ...auth, ...headers } });
    const text = await res.text();
    return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : null };
  }

  async createShop(shop: string, extra: Record<string, unknown> = {}): Promise<{ shop: string; staffAccessToken: string }> {
    return this.post('/__sandbox/shops', { shop, apiKey: API_KEY, apiSecret: API_SECRET, ...extra });
  }

  async gql(shop: string, token: string, query: string, variables?: Record<string, unknown>, version = VERSION): Promise<GqlResponse> {
    const res = await realFetch(`${this.url}/${shop}/admin/api/${version}/graphql.json`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-shopify-access-token': token },
      body: JSON.stringify({ query, variables }),
    });
    const text = await res.text();
    return { status: res.status, text, body: text.startsWith('{') ? JSON.parse(text) : {} };
  }

  static shopify(scopes: string[] = ['read_products']): Shopify {
    return shopifyApi({
      apiKey: API_KEY,
      apiSecretKey: API_SECRET,
      scopes,
      hostName: 'app.gantry.test',
      hostScheme: 'https',
      apiVersion: VERSION as ApiVersion,
      isEmbeddedApp: false,
      logger: { level: LogSeverity.Error, log: () => Promise.resolve() },
    });
  }

  static client(shopify: Shopify, shop: string, accessToken: string) {
    const session = new Session({ id: shopify.session.getOfflineId(shop), shop, state: '', isOnline: false, accessToken });
    return new shopify.clients.Graphql({ session });
  }
}

/** Seeds one product with one variant per SKU, stocked at the given location. */
export async function seedProduct(
  h: SandboxHarness,
  shop: string,
  token: string,
  locationId: string,
  skus: { sku: string; qty: number; barcode?: string }[],
  title = 'Shirt',
) {
  const res = await h.gql(
    shop,
    token,
    `mutation($input: ProductSetInput!) { productSet(input: $input) { product { id variants(first: 50) { nodes { id sku inventoryItem { id } } } } userErrors { field message } } }`,
    {
      input: {
        title,
        productOptions: [{ name: 'Size', values: skus.map((s) => ({ name: s.sku })) }],
        variants: skus.map((s) => ({
          optionValues: [{ optionName: 'Size', name: s.sku }],
          sku: s.sku,
          barcode: s.barcode ?? null,
          price: '10.00',
          inventoryItem: { sku: s.sku, tracked: true },
          inventoryQuantities: [{ locationId, name: 'available', quantity: s.qty }],
        })),
      },
    },
  );
  expect(res.body.errors).toBeUndefined();
  expect(res.body.data.productSet.userErrors).toEqual([]);
  return res.body.data.productSet.product as {
    id: string;
    variants: { nodes: { id: string; sku: string; inventoryItem: { id: string } }[] };
  };
}

export async function firstLocation(h: SandboxHarness, shop: string, token: string): Promise<string> {
  const res = await h.gql(shop, token, '{ locations(first: 5) { nodes { id name } } }');
  return res.body.data.locations.nodes[0].id as string;
}

/** Installs the test app through the browserless approval and the real token endpoint; returns its offline token. */
export async function installApp(h: SandboxHarness, shop: string, scope: string): Promise<string> {
  const { redirectUrl } = await h.post('/__sandbox/oauth/approve', {
    shop,
    clientId: API_KEY,
    scope,
    redirectUri: 'https://app.gantry.test/auth/callback',
    state: 'test-state',
  });
  const code = new URL(redirectUrl as string).searchParams.get('code');
  const token = await h.post(`/${shop}/admin/oauth/access_token`, { client_id: API_KEY, client_secret: API_SECRET, code });
  return token.access_token as string;
}
