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
// Orders come in on a second shop, to a warehouse of their own, so their reservations leave the stock shop's levels alone.
const ORDERS_SHOP = 'restarts-orders.myshopify.com';
const ORDERS_PER_TEST = 20;
const SKUS = 40;
const BATCHES = 30;
const BATCH_SIZE = 50;

type Health = { status: string; checks: Record<string, { status: 'up' | 'down'; error?: string }> };

/**
 * PostgreSQL and Redis restarted in the middle of a burst, on servers of this test's own (the shared ones serve every
 * other suite). An API process and a worker process keep running through the outages and reconnect by themselves;
 * /health names the dependency that is down while it is; at the end Shopify holds what the warehouse holds, every
 * stock event was handled once and no push was applied twice (delta mode: a double apply would show in the numbers), and
 * every Shopify order placed meanwhile on a second shop was imported exactly once.
 */
describe('PostgreSQL and Redis restarted mid-burst', () => {
  let pg: PrivatePostgres;
  let redis: PrivateRedis;
  let sandbox: SandboxServer;
  let sandboxUrl: string;
  let api: AppProcess;
  let worker: AppProcess;
  let token: string;
  let ordersToken: string;
  let ordersStoreId: string;
  let variants: string[] = [];
  const createdOrders: string[] = [];
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
  const gqlOn = async (shop: string, staffToken: string, query: string, variables?: Record<string, unknown>): Promise<any> =>
    (
      await fetch(`${sandboxUrl}/${shop}/admin/api/2026-07/graphql.json`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-shopify-access-token': staffToken },
        body: JSON.stringify({ query, variables }),
      })
    ).json();
  const gql = (query: string, variables?: Record<string, unknown>): Promise<any> => gqlOn(SHOP, token, query, variables);
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
    await setupOrdersShop();
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

  /** A sandbox shop, connected as a merchant would: Install on the consent page, then back to our callback with the OAuth cookie. */
  async function connect(shop: string, extra: Record<string, unknown> = {}): Promise<{ staffToken: string; id: string }> {
    const created = (await (
      await fetch(`${sandboxUrl}/__sandbox/shops`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ shop, apiKey: API_KEY, apiSecret: API_SECRET, ...extra }),
      })
    ).json()) as { staffAccessToken: string };
    const begin = await call('POST', '/stores/shopify', { shopDomain: shop });
    expect(begin.status).toBe(201);
    const cookie = begin.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    const { storeId: id, authorizeUrl } = (await begin.json()) as { storeId: string; authorizeUrl: string };
    const approved = (await (
      await fetch(`${sandboxUrl}/__sandbox/oauth/approve`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ authorizeUrl }),
      })
    ).json()) as { callbackUrl: string };
    expect((await fetch(approved.callbackUrl, { headers: { cookie }, redirect: 'manual' })).status).toBe(302);
    return { staffToken: created.staffAccessToken, id };
  }

  /** A connected shop, its location mapped to a warehouse, SKUS products on both sides mapped by the product sync. */
  async function setupShop(): Promise<void> {
    await ok('POST', '/plugins/shopify/activate');
    ({ staffToken: token, id: storeId } = await connect(SHOP));
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

  /** The orders shop (Plus: its bucket takes a burst of orderCreate), its location mapped to a warehouse holding plenty. */
  async function setupOrdersShop(): Promise<void> {
    ({ staffToken: ordersToken, id: ordersStoreId } = await connect(ORDERS_SHOP, { plan: 'plus' }));
    const location = (await gqlOn(ORDERS_SHOP, ordersToken, '{ locations(first: 1) { nodes { id } } }')).data.locations.nodes[0]
      .id as string;
    const warehouse = (await ok('POST', '/warehouses', { code: 'RESTART-O', name: 'Restarts orders' })).id as string;
    const processId = (await ok('POST', '/shipping-processes', { code: 'RESTART-O-SP', name: 'Restarts orders', warehouseId: warehouse }))
      .id;
    await ok('PUT', `/stores/${ordersStoreId}/location-mappings`, [
      { locationId: location, warehouseId: warehouse, shippingProcessId: processId, isDefault: true },
    ]);
    const set = await gqlOn(
      ORDERS_SHOP,
      ordersToken,
      `mutation($input: ProductSetInput!) { productSet(input: $input) { product { variants(first: 50) { nodes { id sku } } } userErrors { message } } }`,
      {
        input: {
          title: 'Restarts orders catalog',
          productOptions: [{ name: 'SKU', values: skus.map((name) => ({ name })) }],
          variants: skus.map((sku) => ({
            optionValues: [{ optionName: 'SKU', name: sku }],
            sku,
            price: '10.00',
            inventoryItem: { sku, tracked: true },
            inventoryQuantities: [{ locationId: location, name: 'available', quantity: 10_000 }],
          })),
        },
      },
    );
    expect(set.data.productSet.userErrors).toEqual([]);
    const variantOf = new Map((set.data.productSet.product.variants.nodes as { id: string; sku: string }[]).map((v) => [v.sku, v.id]));
    variants = skus.map((sku) => variantOf.get(sku) ?? '');
    expect((await ok('POST', `/stores/${ordersStoreId}/product-sync`)).counts).toMatchObject({ mapped: SKUS });
    await ok('POST', '/stock/movements/batch', {
      movements: skus.map((sku) => ({ type: 'receipt', sku, warehouseId: warehouse, quantity: 10_000 })),
    });
  }

  /** One storefront order on the orders shop (staff token, inventory claimed); returns its id. */
  async function createOrder(random: () => number): Promise<string> {
    const res = await gqlOn(
      ORDERS_SHOP,
      ordersToken,
      `mutation($order: OrderCreateOrderInput!, $options: OrderCreateOptionsInput) {
        orderCreate(order: $order, options: $options) { order { id } userErrors { field message } }
      }`,
      {
        order: {
          email: 'buyer@example.com',
          shippingAddress: {
            firstName: 'Ada',
            lastName: 'Buyer',
            address1: '1 Main St',
            city: 'Springfield',
            countryCode: 'US',
            zip: '12345',
          },
          lineItems: [{ variantId: variants[Math.floor(random() * SKUS)], quantity: 1 + Math.floor(random() * 3), requiresShipping: true }],
        },
        options: { inventoryBehaviour: 'DECREMENT_IGNORING_POLICY' },
      },
    );
    if (!res.data?.orderCreate?.order) {
      throw new Error(`orderCreate: ${JSON.stringify(res)}`);
    }
    const id = res.data.orderCreate.order.id as string;
    createdOrders.push(id);
    return id;
  }

  /**
   * Shopify orders, two at a time, created at the storefront while `during` runs (its outage included): their
   * orders/create webhooks reach the API whatever state PostgreSQL is in, and Shopify delivers a refused one again.
   */
  async function ordersDuring<T>(seed: number, during: () => Promise<T>): Promise<T> {
    const random = seeded(seed);
    let left = ORDERS_PER_TEST;
    let done = false;
    const create = async (): Promise<void> => {
      while (left > 0) {
        left--;
        await createOrder(random);
        // Spread over the burst rather than all at its start.
        if (!done) {
          await new Promise((r) => setTimeout(r, 300));
        }
      }
    };
    const creating = Promise.all([create(), create()]);
    // A failed order fails the test when awaited below, not as an unhandled rejection meanwhile.
    creating.catch(() => undefined);
    try {
      return await during();
    } finally {
      done = true;
      await creating;
    }
  }

  /** Every order created so far imported exactly once: one channel order, imported, and one warehouse order each. */
  async function assertOrdersImported(): Promise<void> {
    await until(
      () =>
        query<{ total: string; undecided: string }>(
          `SELECT count(*) AS total, count(*) FILTER (WHERE state = 'pending' OR due_at IS NOT NULL) AS undecided
             FROM channel_order WHERE store_id = $1`,
          [ordersStoreId],
        ),
      ([r]) => Number(r?.total) === createdOrders.length && Number(r?.undecided) === 0,
      'every order to be decided',
      120_000,
    ).catch((error: unknown) => {
      throw new Error(`${String(error)}\n${logs()}`);
    });
    const states = await query<{ state: string; n: string }>(
      `SELECT state, count(*) AS n FROM channel_order WHERE store_id = $1 GROUP BY state`,
      [ordersStoreId],
    );
    expect(states.map((r) => [r.state, Number(r.n)])).toEqual([['imported', createdOrders.length]]);
    const warehouseOrders = await query<{ external_id: string; n: string }>(
      `SELECT external_id, count(*) AS n FROM outbound_order WHERE store_id = $1 GROUP BY external_id`,
      [ordersStoreId],
    );
    expect(new Map(warehouseOrders.map((o) => [o.external_id, Number(o.n)]))).toEqual(new Map(createdOrders.map((id) => [id, 1])));
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
    // One event per level version (a batch moves each level once): none lost, none written twice. One snapshot: orders
    // may still be reserving stock on the other shop's warehouse.
    const [events] = await query<{ versions: string; events: string; unique_events: string }>(
      `SELECT (SELECT sum(version) FROM stock_level) AS versions,
              (SELECT count(*) FROM outbox_event WHERE topic = 'stock.changed') AS events,
              (SELECT count(DISTINCT (payload->>'warehouseId', payload->>'productId', payload->>'version'))
                 FROM outbox_event WHERE topic = 'stock.changed') AS unique_events`,
    );
    expect([Number(events?.events), Number(events?.unique_events)]).toEqual([Number(events?.versions), Number(events?.versions)]);
    // Every event gets handled, those written since the settle too (Shopify's webhook echoes of the last pushes).
    await until(
      () => count(`SELECT count(*) AS n FROM outbox_event WHERE handled_at IS NULL`),
      (n) => n === 0,
      'every event handled',
      60_000,
    );
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

  /** What our API answered to every orders/create delivery attempt so far. */
  async function orderWebhookStatuses(): Promise<(number | null)[]> {
    const res = await fetch(`${sandboxUrl}/__sandbox/shops/${ORDERS_SHOP}/webhook-deliveries`);
    const { deliveries } = (await res.json()) as { deliveries: { topic: string; attempts: { status: number | null }[] }[] };
    return deliveries.filter((d) => d.topic === 'orders/create').flatMap((d) => d.attempts.map((a) => a.status));
  }

  /** While PostgreSQL is down, a write is refused with 503 and Retry-After (not 500), and nothing of it is kept. */
  async function refusedWhileDown(movements: unknown[]): Promise<void> {
    const res = await call('POST', '/stock/movements/batch', { movements });
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('5');
    expect(((await res.json()) as { detail: string }).detail).toMatch(/unavailable/);
  }

  it('PostgreSQL stopped fast, then crashed (immediate), each mid-burst: reconnects, nothing lost or applied twice', async () => {
    await ordersDuring(20261203, async () => {
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
              await refusedWhileDown(movements);
              // Shopify's webhook for an order placed now is refused with 503 (never a false 200), so Shopify retries it.
              await createOrder(seeded(b));
              await until(orderWebhookStatuses, (statuses) => statuses.includes(503), 'an order webhook refused with 503', 30_000);
              await pg.up();
            },
          );
        } else if (b === (2 * BATCHES) / 3) {
          await outage(
            'database',
            () => pg.down('immediate'),
            async () => {
              await refusedWhileDown(movements);
              await pg.up();
            },
          );
        }
        await post(movements);
        sent += movements.length;
      }
    });
    await assertConverged(sent);
    await assertOrdersImported();
  });

  it('Redis shut down without saving mid-burst (every queued trigger lost): the outbox recovers them from PostgreSQL', async () => {
    await ordersDuring(20261204, async () => {
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
    });
    await assertConverged(sent);
    await assertOrdersImported();
  });
});
