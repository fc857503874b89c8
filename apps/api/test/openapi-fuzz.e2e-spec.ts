import { createHash, createHmac } from 'node:crypto';
import { PluginService, Role, StoreConnectionService } from '@gantry/core';
import {
  createSandboxServer,
  makeOrder,
  makeProduct,
  makeShippingProcess,
  makeWarehouse,
  receive,
  startTestApp,
  uniq,
  type SandboxServer,
  type TestApp,
} from '@gantry/testing';
import fc from 'fast-check';
import request from 'supertest';
import {
  describeRequest,
  operationsOf,
  requestOf,
  ROLES,
  webhookBody,
  type FuzzDocument,
  type FuzzPools,
  type FuzzRequest,
} from './openapi-fuzz.arbitraries';

/*
 * Every documented route, fed hostile requests as every role and without a key: never a 5xx, errors as problem+json,
 * and a refused request (4xx) changes no row. FUZZ_SEED replays a run, FUZZ_RUNS sets the requests per route (split
 * over the roles), FUZZ_ONLY=<operationId or path fragment> narrows it to matching routes.
 */
const SEED = Number(process.env.FUZZ_SEED ?? 20261201);
const RUNS = Number(process.env.FUZZ_RUNS ?? 25);
const ONLY = process.env.FUZZ_ONLY;
const SHOPIFY_SECRET = 'fuzz-shopify-secret';
const SHOP = 'fuzz-shop.myshopify.com';

/**
 * Tables and columns that change on a refused request by design: counters, sessions, last use, lockout. The audit log is
 * not one: every entry is written with its change (in its transaction, or after it succeeded), so a refusal writes none.
 */
const VOLATILE_TABLES = /^(typeorm_migrations|rate_limit_counter|app_session)$/;
const VOLATILE_COLUMNS: Record<string, string[]> = {
  api_key: ['last_used_at'],
  app_user: ['failed_attempts', 'locked_until', 'updated_at'],
};

/**
 * Every route is fuzzed as every role and without a key, each with its own run: no seed can leave a role out. The admin
 * gets the most requests (it gets past the guards into the services); the others at least one each.
 */
const PER_ROLE = Math.max(1, Math.floor(RUNS / 6));
const runsAs = (role: Role | null): number => (role === Role.ADMIN ? Math.max(1, RUNS - PER_ROLE * (ROLES.length - 1)) : PER_ROLE);

/** A run's seed, from the base seed, the route and the role: the same every time, and different for each pair. */
const seedOf = (operationId: string, role: Role | null): number =>
  createHash('sha256')
    .update(`${SEED}:${operationId}:${role ?? 'no key'}`)
    .digest()
    .readInt32BE(0);

interface Failure {
  operation: string;
  request: string;
  problem: string;
}

describe('OpenAPI fuzz', () => {
  let t: TestApp;
  let sandbox: SandboxServer;
  let doc: FuzzDocument;
  let pools: FuzzPools;
  let fingerprintSql: string;
  let baseline: Map<string, string>;
  let seeded: Map<string, string>;
  /** How often each status was answered: the fuzz must get past the guards and the validation, not only bounce off them. */
  const statuses = new Map<number, number>();
  /** Per route, the roles (null: no key) its requests were sent as. */
  const sentAs = new Map<string, Set<Role | null>>();

  beforeAll(async () => {
    sandbox = createSandboxServer();
    const { url } = await sandbox.listen(0);
    process.env.SHOPIFY_SANDBOX_URL = url;
    process.env.SHOPIFY_API_KEY = 'fuzz-shopify-key';
    process.env.SHOPIFY_API_SECRET = SHOPIFY_SECRET;
    process.env.JOOR_API_URL = `${url}/joor/v2`;
    t = await startTestApp();
    doc = (await t.http(null).get('/docs/json').expect(200)).body as FuzzDocument;
    await seed();
    pools = await poolsOf();
    fingerprintSql = await fingerprintQuery();
    baseline = await fingerprint();
    seeded = baseline;
  }, 60_000);
  afterAll(async () => {
    await t?.close();
    await sandbox?.close();
  });

  /** One of most things, so that real ids reach the services behind the validation. */
  async function seed(): Promise<void> {
    const plugins = t.app.get(PluginService);
    const connections = t.app.get(StoreConnectionService);
    const wh = await makeWarehouse(t);
    const other = await makeWarehouse(t);
    await makeShippingProcess(t, wh.id);
    const product = await makeProduct(t, { barcode: uniq('EAN') });
    await receive(t, product.sku, wh.id, 20);
    await receive(t, product.sku, other.id, 5);
    const order = await makeOrder(t, wh.id, [{ sku: product.sku, quantity: 2 }]);
    await t
      .http()
      .post(`/api/v1/orders/${order.id}/shipments`)
      .send({ carrier: 'ups', parcels: [{ trackingNumber: '1Z' }], lines: [{ sku: product.sku, quantity: 1 }] });
    await t
      .http()
      .post('/api/v1/returns')
      .send({ orderId: order.id, lines: [{ sku: product.sku, quantity: 1 }] });
    await plugins.activate('shopify');
    await plugins.activate('joor-b2b');
    await connections.connect({
      pluginKey: 'shopify',
      externalAccountId: SHOP,
      name: 'Fuzz shop',
      credentials: { accessToken: 'shpat_fuzz' },
    });
    await connections.connect({
      pluginKey: 'joor-b2b',
      externalAccountId: uniq('joor'),
      name: 'Fuzz JOOR',
      credentials: { apiToken: 'token' },
    });
    await makeOrder(t, wh.id, [{ sku: product.sku, quantity: 1 }]);
  }

  /** Every uuid in the seeded rows (but the API keys', which the fuzz must not revoke), and the plugin keys. */
  async function poolsOf(): Promise<FuzzPools> {
    const columns: { table_name: string; column_name: string }[] = await t.dataSource.query(
      `SELECT table_name, column_name FROM information_schema.columns
        WHERE table_schema = 'public' AND data_type = 'uuid' AND column_name = 'id' AND table_name <> 'api_key'`,
    );
    const uuids = new Set<string>();
    for (const c of columns) {
      const rows: { id: string }[] = await t.dataSource.query(`SELECT id FROM "${c.table_name}" LIMIT 5`);
      rows.forEach((r) => uuids.add(r.id));
    }
    const plugins: { key: string }[] = await t.dataSource.query(`SELECT key FROM plugin`);
    const products: { sku: string; barcode: string | null }[] = await t.dataSource.query(`SELECT sku, barcode FROM product`);
    const warehouses: { code: string }[] = await t.dataSource.query(`SELECT code FROM warehouse`);
    return {
      uuids: [...uuids],
      pluginKeys: [...plugins.map((p) => p.key), 'no-such-plugin'],
      strings: {
        sku: products.map((p) => p.sku),
        barcode: products.flatMap((p) => (p.barcode ? [p.barcode] : [])),
        code: warehouses.map((w) => w.code),
        shopDomain: [SHOP, 'other-fuzz.myshopify.com'],
      },
    };
  }

  /** One query: per table, its row count and an md5 over its rows (volatile columns left out). */
  async function fingerprintQuery(): Promise<string> {
    const tables: { tablename: string }[] = await t.dataSource.query(
      `SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`,
    );
    return tables
      .map((x) => x.tablename)
      .filter((name) => !VOLATILE_TABLES.test(name))
      .map((name) => {
        const drop = (VOLATILE_COLUMNS[name] ?? []).map((c) => ` - '${c}'`).join('');
        return `SELECT '${name}' AS name, count(*)::text || ':' || coalesce(md5(string_agg(j, ',' ORDER BY j)), '') AS print
                  FROM (SELECT (to_jsonb(x)${drop})::text AS j FROM "${name}" x) s`;
      })
      .join(' UNION ALL ');
  }

  async function fingerprint(): Promise<Map<string, string>> {
    const rows: { name: string; print: string }[] = await t.dataSource.query(fingerprintSql);
    return new Map(rows.map((r) => [r.name, r.print]));
  }

  const changedTables = (before: Map<string, string>, after: Map<string, string>): string[] =>
    [...after].filter(([name, print]) => before.get(name) !== print).map(([name]) => name);

  const send = (r: FuzzRequest, headers: Record<string, string> = {}): Promise<request.Response> => {
    let test = t.http(r.role)[r.method](r.url);
    for (const [name, value] of Object.entries(headers)) {
      test = test.set(name, value);
    }
    if (r.body.kind === 'raw') {
      return test.set('content-type', r.body.contentType).send(r.body.text);
    }
    if (r.body.kind === 'json') {
      const text = JSON.stringify(r.body.value);
      return text === undefined ? test : test.set('content-type', 'application/json').send(text);
    }
    return test;
  };

  /** The checks every answer must pass; returns what is wrong, or null. Moves the baseline past accepted writes. */
  async function check(res: request.Response): Promise<string | null> {
    statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
    if (res.status >= 500) {
      const after = await fingerprint();
      const changed = changedTables(baseline, after);
      baseline = after;
      return `answered ${res.status}${changed.length > 0 ? ` (changed ${changed.join(', ')})` : ''}: ${JSON.stringify(res.body)}`;
    }
    if (res.status < 400) {
      baseline = await fingerprint();
      return null;
    }
    const after = await fingerprint();
    const changed = changedTables(baseline, after);
    baseline = after;
    if (changed.length > 0) {
      return `answered ${res.status} but changed ${changed.join(', ')}`;
    }
    const type = String(res.headers['content-type'] ?? '');
    if (!type.includes('application/problem+json') || (res.body as { status?: unknown }).status !== res.status) {
      return `answered ${res.status} as ${type || 'no content type'}, not a problem: ${String(res.text).slice(0, 200)}`;
    }
    return null;
  }

  /** Runs the property over a request arbitrary and collects every failing request (the run's seed replays them). */
  async function fuzz(
    operation: string,
    arbitrary: fc.Arbitrary<FuzzRequest>,
    runs: number,
    headers: (r: FuzzRequest) => Record<string, string> = () => ({}),
    seed = SEED,
  ): Promise<Failure[]> {
    const failures: Failure[] = [];
    await t.dataSource.query(`DELETE FROM rate_limit_counter`);
    const result = await fc.check(
      fc.asyncProperty(arbitrary, async (r) => {
        sentAs.set(operation, (sentAs.get(operation) ?? new Set()).add(r.role));
        const problem = await check(await send(r, headers(r)));
        if (problem) {
          failures.push({ operation, request: describeRequest(r), problem });
        }
        // Every failure is collected; the property holds so the run goes on through all requests.
        return true;
      }),
      { seed, numRuns: runs },
    );
    if (result.failed) {
      failures.push({
        operation,
        request: JSON.stringify(result.counterexample)?.slice(0, 300) ?? '',
        problem: String(result.errorInstance),
      });
    }
    return failures;
  }

  it('answers every route, as every role and without a key, with no 5xx and no change on a refusal', async () => {
    const operations = operationsOf(doc).filter(
      (op) => op.operationId !== 'ShopifyWebhookController_receive' && (!ONLY || op.operationId === ONLY || op.path.includes(ONLY)),
    );
    expect(operations.length).toBeGreaterThan(ONLY ? 0 : 60);
    const failures: Failure[] = [];
    for (const op of operations) {
      const name = `${op.method.toUpperCase()} ${op.path}`;
      for (const role of ROLES) {
        const requests = requestOf(doc, op, pools).map((r): FuzzRequest => ({ ...r, role }));
        failures.push(...(await fuzz(name, requests, runsAs(role), undefined, seedOf(op.operationId, role))));
      }
    }
    if (failures.length > 0) {
      process.stderr.write(`OpenAPI fuzz failed with FUZZ_SEED=${SEED} FUZZ_RUNS=${RUNS}\n`);
    }
    expect({ seed: SEED, failures: failures.slice(0, 30) }).toEqual({ seed: SEED, failures: [] });
    // Every route was asked as every role and without a key, whatever the seed.
    const missing = operations.flatMap((op) => {
      const sent = sentAs.get(`${op.method.toUpperCase()} ${op.path}`);
      return ROLES.filter((role) => !sent?.has(role)).map((role) => `${op.operationId} as ${role ?? 'no key'}`);
    });
    expect(missing).toEqual([]);
    if (!ONLY) {
      // Requests were accepted, written, refused at every stage; and the fingerprint saw the writes.
      expect([...statuses.keys()]).toEqual(expect.arrayContaining([200, 201, 400, 401, 403, 404]));
      // The audit log among them: accepted changes wrote entries, so a refusal's entry would have been seen too.
      expect(changedTables(seeded, baseline)).toContain('audit_entry');
    }
  }, 600_000);

  it('answers what the fuzz found with 400: text with a NUL character, in a query, a body and a webhook', async () => {
    const before = await fingerprint();
    const query = await t.http().get('/api/v1/products?sku=%00');
    expect({ status: query.status, errors: (query.body as { errors?: unknown }).errors }).toEqual({
      status: 400,
      errors: [{ field: 'sku', message: 'sku must not contain NUL characters' }],
    });
    const body = await t.http().post('/api/v1/warehouses').send({ code: 'A\u0000', name: 'NUL' });
    expect({ status: body.status, errors: (body.body as { errors?: unknown }).errors }).toEqual({
      status: 400,
      errors: [{ field: 'code', message: 'code must not contain NUL characters' }],
    });
    const raw = '{"id":1,"note":"a\u0000b"}';
    const hook = await t
      .http(null)
      .post('/api/v1/webhooks/shopify')
      .set({
        'content-type': 'application/json',
        'x-shopify-topic': 'orders/create',
        'x-shopify-shop-domain': SHOP,
        'x-shopify-webhook-id': 'fuzz-nul',
        'x-shopify-hmac-sha256': signShopify(raw),
      })
      .send(raw);
    expect({ status: hook.status, detail: (hook.body as { detail?: unknown }).detail }).toEqual({
      status: 400,
      detail: 'The webhook body is not JSON text: it holds a NUL byte',
    });
    expect(changedTables(before, await fingerprint())).toEqual([]);
    baseline = await fingerprint();
  });

  it('takes Shopify webhooks with valid signatures over random bodies and headers: no 5xx, and no change when refused', async () => {
    const header = fc.oneof(
      { weight: 4, arbitrary: fc.constant(undefined) },
      { weight: 1, arbitrary: fc.constantFrom('', ' ', '__proto__', '../..', 'x'.repeat(4000), '18446744073709551616') },
      { weight: 1, arbitrary: fc.string({ unit: fc.constantFrom(...'abc/_-.:%{}[]"\\ 019'.split('')), maxLength: 40 }) },
    );
    const delivery = fc.record({
      body: webhookBody,
      topic: fc.oneof(fc.constantFrom(...TOPICS), header),
      shop: fc.oneof(fc.constantFrom(SHOP, 'unknown-fuzz.myshopify.com'), header),
      id: fc.oneof(
        { weight: 3, arbitrary: fc.uuid() },
        { weight: 1, arbitrary: fc.constant('fuzz-repeated-id') },
        { weight: 1, arbitrary: header },
      ),
      signature: fc.oneof(
        { weight: 6, arbitrary: fc.constant<'valid'>('valid') },
        { weight: 1, arbitrary: fc.constantFrom<'wrong' | 'none' | 'garbage'>('wrong', 'none', 'garbage') },
      ),
      contentType: fc.oneof(
        { weight: 5, arbitrary: fc.constant('application/json') },
        { weight: 1, arbitrary: fc.constantFrom('text/plain', 'application/x-www-form-urlencoded') },
      ),
    });
    const headersOf = new Map<FuzzRequest, Record<string, string>>();
    const requests = delivery.map((d): FuzzRequest => {
      const r: FuzzRequest = {
        role: null,
        method: 'post',
        url: '/api/v1/webhooks/shopify',
        body: { kind: 'raw', contentType: d.contentType, text: d.body },
      };
      const headers: Record<string, string> = {};
      const set = (name: string, value: string | undefined): void => {
        if (value !== undefined) {
          headers[name] = value;
        }
      };
      set('x-shopify-topic', d.topic);
      set('x-shopify-shop-domain', d.shop);
      set('x-shopify-webhook-id', d.id);
      set('x-shopify-api-version', '2026-07');
      const signatures = { valid: signShopify(d.body), wrong: signShopify(`${d.body} `), none: undefined, garbage: '%%%' };
      set('x-shopify-hmac-sha256', signatures[d.signature]);
      headersOf.set(r, headers);
      return r;
    });
    const failures = await fuzz('POST /api/v1/webhooks/shopify', requests, RUNS * 8, (r) => headersOf.get(r) ?? {});
    const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM shopify_webhook_inbox`);
    // Some deliveries were stored: the valid ones reached the inbox, not only the refusals.
    expect(n).toBeGreaterThan(0);
    expect({ seed: SEED, failures: failures.slice(0, 30) }).toEqual({ seed: SEED, failures: [] });
  }, 600_000);
});

const TOPICS = [
  'orders/create',
  'orders/updated',
  'orders/cancelled',
  'fulfillment_orders/moved',
  'fulfillment_orders/placed_on_hold',
  'inventory_levels/update',
  'returns/request',
  'returns/close',
  'app/uninstalled',
  'customers/data_request',
  'customers/redact',
  'shop/redact',
  'products/whatever',
];

const signShopify = (body: string): string => createHmac('sha256', SHOPIFY_SECRET).update(body, 'utf8').digest('base64');
