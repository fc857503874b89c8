/* eslint-disable @typescript-eslint/no-explicit-any -- dynamic GraphQL and JSON bodies */
import { Client } from 'pg';
import {
  AppProcess,
  createSandboxServer,
  freePort,
  PrivatePostgres,
  PrivateRedis,
  seeded,
  until,
  type SandboxServer,
} from '@gantry/testing';
import { runMigrations } from '../src/database/migration-runner';

jest.setTimeout(240_000);

const API_KEY = 'restart-test-key';
const API_SECRET = 'restart-test-secret';
const SHOP = 'restarts.myshopify.com';
const SKUS = 40;
const BATCHES = 30;
const BATCH_SIZE = 50;

type Health = { status: string; checks: Record<string, { status: 'up' | 'down'; error?: string }> };

/**
 * PostgreSQL and Redis restarted in the middle of a burst, on servers of this test's own (the shared ones serve every
 * other suite). An API process and a worker process keep running through the outages and reconnect by themselves;
 * /health names the dependency that is down while it is; at the end Shopify holds what the warehouse holds, every
 * stock event was handled once and no push was applied twice (delta mode: a double apply would show in the numbers).
 */
describe('PostgreSQL and Redis restarted mid-burst', () => {
  let pg: PrivatePostgres;
  let redis: PrivateRedis;
  let sandbox: SandboxServer;
  let sandboxUrl: string;
  let api: AppProcess;
  let worker: AppProcess;
  let token: string;
  let storeId: string;
  let warehouseId: string;
  let locationId: string;
  let skus: string[] = [];
  let itemOf = new Map<string, string>();
  const shopifyStart = (i: number): number => 100 + i;

  const call = async (method: string, path: string, body?: unknown): Promise<Response> =>
    fetch(`${api.url}/api/v1${path}`, {
      method,
      headers: { authorization: `Bearer ${AppProcess.adminKey}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(30_000),
    });
  const ok = async (method: string, path: string, body?: unknown): Promise<any> => {
    const res = await call(method, path, body);
    if (res.status >= 300) {
      throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
    }
    return res.json();
  };
  const gql = async (query: string, variables?: Record<string, unknown>): Promise<any> =>
    (
      await fetch(`${sandboxUrl}/${SHOP}/admin/api/2026-07/graphql.json`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-shopify-access-token': token },
        body: JSON.stringify({ query, variables }),
      })
    ).json();
  /** One query on the private database, on a connection of its own (the server goes away between calls). */
  const query = async <T>(sql: string, params: unknown[] = []): Promise<T[]> => {
    const client = new Client({ connectionString: pg.url });
    await client.connect();
    try {
      return (await client.query(sql, params)).rows as T[];
    } finally {
      await client.end();
    }
  };
  const count = async (sql: string, params: unknown[] = []): Promise<number> => Number((await query<{ n: string }>(sql, params))[0]?.n);
  const health = async (): Promise<{ code: number; body: Health }> => {
    // A guard, not a timing assertion: a /health that hangs through an outage fails here instead of hanging the test.
    try {
      const res = await fetch(`${api.url}/health`, { signal: AbortSignal.timeout(15_000) });
      return { code: res.status, body: (await res.json()) as Health };
    } catch (error) {
      throw new Error(`/health did not answer: ${String(error)}\n${logs()}`);
    }
  };
  const logs = (): string => `--- api:\n${api.log().slice(-4000)}\n--- worker:\n${worker.log().slice(-4000)}`;

  beforeAll(async () => {
    [pg, redis] = await Promise.all([PrivatePostgres.start(), PrivateRedis.start()]);
    await runMigrations(pg.url);
    sandbox = createSandboxServer({ webhookBackoffMs: 200, webhookTimeoutMs: 2000 });
    sandboxUrl = (await sandbox.listen(0)).url;
    const port = await freePort();
    const env = {
      DATABASE_URL: pg.url,
      REDIS_URL: redis.url,
      SHOPIFY_SANDBOX_URL: sandboxUrl,
      SHOPIFY_API_KEY: API_KEY,
      SHOPIFY_API_SECRET: API_SECRET,
      APP_URL: `http://127.0.0.1:${port}`,
    };
    api = await AppProcess.start('api', { ...env, PORT: String(port) });
    worker = await AppProcess.start('worker', env);
    await setupShop();
  });
  afterEach(async () => {
    // A failed test must not leave the next one without its servers.
    await Promise.all([pg.up(), redis.up()]);
  });
  afterAll(async () => {
    await Promise.all([api?.stop(), worker?.stop()]);
    await sandbox?.close();
    await Promise.all([pg?.stop(), redis?.stop()]);
  });

  /** A connected shop, its location mapped to a warehouse, SKUS products on both sides mapped by the product sync. */
  async function setupShop(): Promise<void> {
    const created = (await (
      await fetch(`${sandboxUrl}/__sandbox/shops`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ shop: SHOP, apiKey: API_KEY, apiSecret: API_SECRET }),
      })
    ).json()) as { staffAccessToken: string };
    token = created.staffAccessToken;
    await ok('POST', '/plugins/shopify/activate');
    // The merchant's browser: Install on the consent page, then back to our callback with the OAuth cookie.
    const begin = await call('POST', '/stores/shopify', { shopDomain: SHOP });
    expect(begin.status).toBe(201);
    const cookie = begin.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    const { storeId: id, authorizeUrl } = (await begin.json()) as { storeId: string; authorizeUrl: string };
    storeId = id;
    const approved = (await (
      await fetch(`${sandboxUrl}/__sandbox/oauth/approve`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ authorizeUrl }),
      })
    ).json()) as { callbackUrl: string };
    expect((await fetch(approved.callbackUrl, { headers: { cookie }, redirect: 'manual' })).status).toBe(302);

    locationId = (await gql('{ locations(first: 1) { nodes { id } } }')).data.locations.nodes[0].id as string;
    warehouseId = (await ok('POST', '/warehouses', { code: 'RESTART', name: 'Restarts' })).id;
    const processId = (await ok('POST', '/shipping-processes', { code: 'RESTART-SP', name: 'Restarts', warehouseId })).id;
    await ok('PUT', `/stores/${storeId}/location-mappings`, [{ locationId, warehouseId, shippingProcessId: processId, isDefault: true }]);
    skus = Array.from({ length: SKUS }, (_, i) => `RESTART-${i}`);
    for (const sku of skus) {
      await ok('POST', '/products', { sku, name: sku });
    }
    const set = await gql(`mutation($input: ProductSetInput!) { productSet(input: $input) { product { id } userErrors { message } } }`, {
      input: {
        title: 'Restarts catalog',
        productOptions: [{ name: 'SKU', values: skus.map((name) => ({ name })) }],
        variants: skus.map((sku, i) => ({
          optionValues: [{ optionName: 'SKU', name: sku }],
          sku,
          price: '1.00',
          inventoryItem: { sku, tracked: true },
          inventoryQuantities: [{ locationId, name: 'available', quantity: shopifyStart(i) }],
        })),
      },
    });
    expect(set.data.productSet.userErrors).toEqual([]);
    expect((await ok('POST', `/stores/${storeId}/product-sync`)).counts).toMatchObject({ mapped: SKUS });
    const mappings = await query<{ sku: string; item: string }>(
      `SELECT p.sku, m.stock_item_id AS item FROM channel_product_mapping m JOIN product p ON p.id = m.product_id WHERE m.store_id = $1`,
      [storeId],
    );
    itemOf = new Map(mappings.map((m) => [m.sku, m.item]));
    await ok('PATCH', `/stores/${storeId}/settings`, { stockSync: { enabled: true, mode: 'delta', windowSeconds: 1 } });
  }

  /** Receipts and picks over every SKU; a pick never takes more than is on hand. */
  const onHand = new Map<string, number>();
  function burst(seed: number): { type: 'receipt' | 'pick'; sku: string; warehouseId: string; quantity: number }[][] {
    const random = seeded(seed);
    return Array.from({ length: BATCHES }, (_, b) =>
      Array.from({ length: BATCH_SIZE }, (_unused, i) => {
        const sku = skus[(b * BATCH_SIZE + i) % SKUS] ?? '';
        const quantity = 1 + Math.floor(random() * 5);
        const have = onHand.get(sku) ?? 0;
        const pick = random() < 0.4 && have >= quantity;
        onHand.set(sku, have + (pick ? -quantity : quantity));
        return { type: pick ? ('pick' as const) : ('receipt' as const), sku, warehouseId, quantity };
      }),
    );
  }

  /** Posts a batch; while a dependency is down the API must refuse it with 503 (nothing written), so it is sent again. */
  async function post(movements: unknown[]): Promise<number[]> {
    const refusals: number[] = [];
    const deadline = Date.now() + 90_000;
    for (;;) {
      const res = await call('POST', '/stock/movements/batch', { movements });
      if (res.status === 201) {
        return refusals;
      }
      refusals.push(res.status);
      if (res.status !== 503 || Date.now() > deadline) {
        throw new Error(`movement batch answered ${res.status}: ${await res.text()}\n${logs()}`);
      }
      await new Promise((r) => setTimeout(r, 250));
    }
  }

  /** Waits until /health answers 503 naming `check` as down, then until the outage is over and it answers 200. */
  async function outage(check: 'database' | 'redis', stop: () => Promise<void>, start: () => Promise<void>): Promise<void> {
    await stop();
    const down = await until(health, (h) => h.code === 503, `/health to report ${check} down`, 30_000);
    expect(down.body.status).toBe('degraded');
    expect(down.body.checks[check]?.status).toBe('down');
    expect(down.body.checks[check]?.error).toEqual(expect.any(String));
    // The processes ride the outage out rather than exiting.
    expect([api.child.exitCode, worker.child.exitCode]).toEqual([null, null]);
    await start();
    const up = await until(health, (h) => h.code === 200, '/health to recover', 60_000).catch((error: unknown) => {
      throw new Error(`${String(error)}\n${logs()}`);
    });
    expect(up.body).toEqual({ status: 'ok', checks: { database: { status: 'up' }, redis: { status: 'up' } } });
  }

  /** Jobs waiting, delayed or running in any queue of the private Redis. */
  async function queuedJobs(): Promise<number> {
    const keys = await redis.client.keys('*:*');
    const size = async (key: string): Promise<number> =>
      key.endsWith(':delayed') ? redis.client.zcard(key) : key.endsWith(':wait') || key.endsWith(':active') ? redis.client.llen(key) : 0;
    const sizes = await Promise.all(keys.map(size));
    return sizes.reduce((a, b) => a + b, 0);
  }

  /** Nothing left to push, no push in flight, no unhandled event. */
  async function settled(): Promise<void> {
    await until(
      () =>
        count(
          `SELECT (SELECT count(*) FROM stock_sync_item WHERE store_id = $1 AND (wanted_version > pushed_version OR push_id IS NOT NULL))
                + (SELECT count(*) FROM stock_push WHERE store_id = $1 AND status = 'pending')
                + (SELECT count(*) FROM outbox_event WHERE handled_at IS NULL) AS n`,
          [storeId],
        ),
      (n) => n === 0,
      'stock sync to settle',
      120_000,
    ).catch((error: unknown) => {
      throw new Error(`${String(error)}\n${logs()}`);
    });
  }

  async function assertConverged(movements: number): Promise<void> {
    await settled();
    expect([api.child.exitCode, worker.child.exitCode]).toEqual([null, null]);
    expect(await count(`SELECT count(*) AS n FROM stock_movement WHERE warehouse_id = $1`, [warehouseId])).toBe(movements);
    // One event per level version (a batch moves each level once): none lost, none written twice.
    const versions = await count(`SELECT sum(version) AS n FROM stock_level WHERE warehouse_id = $1`, [warehouseId]);
    expect(await count(`SELECT count(*) AS n FROM outbox_event WHERE topic = 'stock.changed'`)).toBe(versions);
    expect(
      await count(
        `SELECT count(DISTINCT (payload->>'productId', payload->>'version')) AS n FROM outbox_event WHERE topic = 'stock.changed'`,
      ),
    ).toBe(versions);
    expect(await count(`SELECT count(*) AS n FROM outbox_event WHERE handled_at IS NULL`)).toBe(0);
    expect(await count(`SELECT count(*) AS n FROM stock_push WHERE store_id = $1 AND status <> 'done'`, [storeId])).toBe(0);
    const levels = (await ok('GET', `/stock/levels?warehouseId=${warehouseId}`)) as { sku: string; available: number }[];
    const wms = new Map(levels.map((l) => [l.sku, l.available]));
    expect(skus.map((sku) => [sku, wms.get(sku)])).toEqual(skus.map((sku) => [sku, onHand.get(sku)]));
    const shopify = await gql(
      `query($loc: ID!) { location(id: $loc) { inventoryLevels(first: 250) { nodes { item { id } quantities(names: ["available"]) { quantity } } } } }`,
      { loc: locationId },
    );
    const onShopify = new Map(
      (shopify.data.location.inventoryLevels.nodes as { item: { id: string }; quantities: { quantity: number }[] }[]).map((n) => [
        n.item.id,
        n.quantities[0]?.quantity,
      ]),
    );
    // Delta mode: Shopify moved by exactly the warehouse's net change; a push applied twice would show here.
    expect(skus.map((sku) => [sku, onShopify.get(itemOf.get(sku) ?? '')])).toEqual(
      skus.map((sku, i) => [sku, shopifyStart(i) + (wms.get(sku) ?? NaN)]),
    );
  }

  let sent = 0;

  it('PostgreSQL stopped fast, then crashed (immediate), each mid-burst: reconnects, nothing lost or applied twice', async () => {
    const refusals: number[] = [];
    for (const [b, movements] of burst(20261201).entries()) {
      if (b === BATCHES / 3) {
        await until(
          () => count(`SELECT count(*) AS n FROM stock_push WHERE status = 'done'`),
          (n) => n > 0,
          'a first push',
          60_000,
        );
        await outage(
          'database',
          () => pg.down('fast'),
          async () => {
            refusals.push(...(await Promise.all([post(movements), pg.up()]))[0]);
          },
        );
      } else if (b === (2 * BATCHES) / 3) {
        await outage(
          'database',
          () => pg.down('immediate'),
          async () => {
            refusals.push(...(await Promise.all([post(movements), pg.up()]))[0]);
          },
        );
      } else {
        refusals.push(...(await post(movements)));
      }
      sent += movements.length;
    }
    // Batches sent during the outages were refused with 503 until the database was back.
    expect(refusals.length).toBeGreaterThan(0);
    await assertConverged(sent);
  });

  it('Redis shut down without saving mid-burst (every queued trigger lost): the outbox recovers them from PostgreSQL', async () => {
    for (const [b, movements] of burst(20261202).entries()) {
      if (b === BATCHES / 2) {
        // Shut down while Redis holds jobs (a store's delayed stock flush, relayed outbox batches): all of them are lost.
        await until(queuedJobs, (n) => n > 0, 'jobs queued in Redis', 30_000);
        await outage(
          'redis',
          () => redis.down(),
          async () => {
            // Movements are written to PostgreSQL while Redis is away: the outbox keeps their triggers.
            await post(movements);
            await redis.up();
          },
        );
      } else {
        await post(movements);
      }
      sent += movements.length;
    }
    await assertConverged(sent);
  });
});
