import { AppProcess, ensureBuilt, seeded, until, within, type ProductRecord, type WarehouseRecord } from '@gantry/testing';
import { setupOrders, shopifyOrder, type OrdersFixture } from './orders-in.fixture';
import { API_KEY, API_SECRET, startShopifyEnv, type ShopifyTestEnv } from './shopify-test.env';

jest.setTimeout(240_000);

const ORDERS = 1_000;
// orderCreate calls in flight at once, as a busy storefront would make them.
const CONCURRENCY = 20;
const SKUS = 5;
// Half-way: imports are flowing and the second half of the burst lands on the replacement worker.
const KILL_AT = ORDERS / 2;

interface Shop extends OrdersFixture {
  locationId: string;
  warehouse: WarehouseRecord;
}

/** What Shopify answered for one created order: its id and its lines (line id, SKU, quantity). */
interface CreatedOrder {
  id: string;
  lines: { id: string; sku: string; quantity: number }[];
}

/**
 * One connected Shopify Plus shop (the staff token's cost bucket must take 1,000 orderCreate calls in seconds) with one
 * location mapped to one warehouse, and SKUS products mapped by the real product sync.
 */
async function setupShop(env: ShopifyTestEnv, shop: string): Promise<Shop> {
  const f = await setupOrders(env, shop, { plan: 'plus', skuCount: SKUS, wmsStock: 10_000 });
  return { ...f, locationId: f.locations[0] ?? '', warehouse: f.warehouses[0] };
}

/** The burst: order i has 1 to 3 distinct products, 1 to 5 of each; the same orders on every run. */
function burst(): { variant: number; quantity: number }[][] {
  const random = seeded(20261124);
  return Array.from({ length: ORDERS }, () => {
    const count = 1 + Math.floor(random() * 3);
    const picked = new Set<number>();
    while (picked.size < count) {
      picked.add(Math.floor(random() * SKUS));
    }
    return [...picked].map((variant) => ({ variant, quantity: 1 + Math.floor(random() * 5) }));
  });
}

/** orderCreate with the staff token, as a storefront checkout makes it (physical lines, inventory claimed). */
async function createOrder(env: ShopifyTestEnv, s: Shop, lines: { variant: number; quantity: number }[]): Promise<CreatedOrder> {
  const created = await shopifyOrder(env, s, lines);
  return { id: created.id, lines: created.items };
}

describe('orders in: worker killed with SIGKILL in the middle of a 1,000-order burst', () => {
  let env: ShopifyTestEnv;
  let workers: AppProcess[] = [];
  let blocker: { release(): Promise<void> } | null = null;

  beforeAll(async () => {
    ensureBuilt();
    // The API (HTTP, the sandbox's webhooks) runs here; the inbox relay, the order poller and the imports run only in
    // the worker processes.
    env = await startShopifyEnv({ worker: false });
  });
  afterEach(async () => {
    await blocker?.release();
    blocker = null;
    await Promise.all(workers.map((w) => w.stop()));
    workers = [];
  });
  afterAll(async () => {
    await env?.close();
  });

  const count = async (sql: string, params: unknown[]): Promise<number> =>
    Number((await env.t.dataSource.query<{ n: string }[]>(sql, params))[0]?.n ?? 0);

  const startWorker = (): Promise<AppProcess> =>
    AppProcess.start('worker', {
      SHOPIFY_SANDBOX_URL: env.sandboxUrl,
      SHOPIFY_API_KEY: API_KEY,
      SHOPIFY_API_SECRET: API_SECRET,
      APP_URL: process.env.APP_URL as string,
    });

  const workerLog = (): string => workers.map((w, i) => `--- worker ${i + 1}:\n${w.log().slice(-3000)}`).join('\n');

  /**
   * Holds the row lock of one product's stock level (a product on about half the orders), so the next import that
   * reserves it stops inside its transaction: the warehouse order and its lines are written, not committed, while
   * the order is claimed under its lease. Killing the worker then is the worst moment for exactly-once, and it is
   * reached by an event, not by timing, so CPU load cannot move it. Resolves once a worker's transaction waits on it.
   */
  async function blockImportsAt(s: Shop, product: ProductRecord): Promise<{ release(): Promise<void> }> {
    const runner = env.t.dataSource.createQueryRunner();
    await runner.connect();
    await runner.startTransaction();
    const pid = ((await runner.query(`SELECT pg_backend_pid() AS pid`)) as { pid: number }[])[0]?.pid;
    await runner.query(`SELECT 1 FROM stock_level WHERE warehouse_id = $1 AND product_id = $2 FOR UPDATE`, [s.warehouse.id, product.id]);
    let released = false;
    const release = async (): Promise<void> => {
      if (!released) {
        released = true;
        await runner.rollbackTransaction();
        await runner.release();
      }
    };
    try {
      await until(
        () => count(`SELECT count(*) AS n FROM pg_stat_activity WHERE $1 = ANY(pg_blocking_pids(pid))`, [pid]),
        (n) => n > 0,
        'an import waiting on the held stock level',
        30_000,
      );
    } catch (error) {
      await release();
      throw new Error(`${String(error)}\n${workerLog()}`);
    }
    return { release };
  }

  it('imports every order exactly once: one warehouse order with the Shopify lines, reserved once', async () => {
    const started = Date.now();
    const s = await setupShop(env, 'orders-kill.myshopify.com');
    const plan = burst();
    workers.push(await startWorker());

    // The burst, CONCURRENCY orders in flight at a time, in the background.
    const created: CreatedOrder[] = new Array<CreatedOrder>(ORDERS);
    let next = 0;
    const creating = Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < ORDERS) {
          const i = next++;
          created[i] = await createOrder(env, s, plan[i] ?? []);
        }
      }),
    );
    let refused: Error | null = null;
    creating.catch((error: unknown) => {
      refused = error instanceof Error ? error : new Error('the burst failed', { cause: error });
    });

    const imported = async (): Promise<number> => {
      if (refused) {
        throw refused;
      }
      return count(`SELECT count(*) AS n FROM channel_order WHERE store_id = $1 AND state = 'imported'`, [s.storeId]);
    };
    await until(imported, (n) => n >= KILL_AT, `${KILL_AT} imported orders`, 120_000).catch((error: unknown) => {
      throw new Error(`${String(error)}\n${workerLog()}`);
    });

    // Stop the worker inside an import's transaction, then kill it.
    const [held] = s.products;
    blocker = await blockImportsAt(s, held);
    await workers[0]?.kill();
    const killedAt = Date.now();
    const leased = await env.t.dataSource.query<{ id: string; external_id: string }[]>(
      `SELECT id, external_id FROM channel_order WHERE store_id = $1 AND state = 'pending' AND due_at > now()`,
      [s.storeId],
    );
    const importedAtKill = await imported();
    await blocker.release();
    blocker = null;
    // The dead worker held a claimed batch, and nothing of it reached the warehouse (the transaction died with it).
    expect(leased.length).toBeGreaterThan(0);
    expect(
      await count(`SELECT count(*) AS n FROM outbound_order WHERE store_id = $1 AND external_id = ANY($2::text[])`, [
        s.storeId,
        leased.map((l) => l.external_id),
      ]),
    ).toBe(0);

    // A supervisor restarts it; the rest of the burst lands on the replacement.
    workers.push(await startWorker());
    await within(creating, 120_000, () => `the burst did not finish within 120 s`);
    const burstDone = Date.now();

    // Every order decided: the claimed batch comes back when its lease ends.
    await until(
      () =>
        env.t.dataSource.query<{ total: string; undecided: string }[]>(
          `SELECT count(*) AS total, count(*) FILTER (WHERE state = 'pending' OR due_at IS NOT NULL) AS undecided
             FROM channel_order WHERE store_id = $1`,
          [s.storeId],
        ),
      ([r]) => Number(r?.total) === ORDERS && Number(r?.undecided) === 0,
      'every order to be decided',
      150_000,
    ).catch((error: unknown) => {
      throw new Error(`${String(error)}\n${workerLog()}`);
    });
    const decidedAt = Date.now();

    // Exactly ORDERS channel orders, all imported, each with one link to its warehouse order.
    const states = await env.t.dataSource.query<{ state: string; n: string }[]>(
      `SELECT state, count(*) AS n FROM channel_order WHERE store_id = $1 GROUP BY state`,
      [s.storeId],
    );
    expect(states.map((r) => [r.state, Number(r.n)])).toEqual([['imported', ORDERS]]);
    expect(await count(`SELECT count(*) AS n FROM outbound_order WHERE store_id = $1`, [s.storeId])).toBe(ORDERS);
    expect(
      await count(
        `SELECT count(*) AS n FROM channel_order o JOIN channel_order_link l ON l.channel_order_id = o.id
           JOIN outbound_order w ON w.id = l.warehouse_order_id AND w.external_id = o.external_id AND w.store_id = o.store_id
          WHERE o.store_id = $1`,
        [s.storeId],
      ),
    ).toBe(ORDERS);

    // Each warehouse order holds its Shopify order's lines, each reserved in full, and is open in the mapped warehouse.
    const rows = await env.t.dataSource.query<
      {
        external_id: string;
        warehouse_id: string;
        status: string;
        lines: { id: string; sku: string; quantity: number; reserved: number }[];
      }[]
    >(
      `SELECT o.external_id, o.warehouse_id, o.status::text AS status,
              json_agg(json_build_object('id', l.external_line_id, 'sku', l.sku, 'quantity', l.quantity, 'reserved', l.reserved_quantity)
                       ORDER BY l.external_line_id) AS lines
         FROM outbound_order o JOIN order_line l ON l.order_id = o.id
        WHERE o.store_id = $1 GROUP BY o.id`,
      [s.storeId],
    );
    const byOrder = (lines: { id: string; sku: string; quantity: number }[]): [string, string, number][] =>
      lines.map((l): [string, string, number] => [l.id, l.sku, l.quantity]).sort((a, b) => (a[0] < b[0] ? -1 : 1));
    const got = new Map(rows.map((r) => [r.external_id, r]));
    const mismatches = created.filter((order) => {
      const row = got.get(order.id);
      return (
        !row ||
        row.warehouse_id !== s.warehouse.id ||
        row.status !== 'open' ||
        row.lines.some((l) => l.reserved !== l.quantity) ||
        JSON.stringify(byOrder(row.lines)) !== JSON.stringify(byOrder(order.lines))
      );
    });
    expect(mismatches.map((o) => ({ shopify: o, warehouse: got.get(o.id) ?? null }))).toEqual([]);

    // Nothing reserved twice: per product, the level's reservation is what the burst ordered, and so is the store's own
    // recorded effect on it.
    const ordered = new Map<string, number>();
    for (const order of created) {
      for (const line of order.lines) {
        ordered.set(line.sku, (ordered.get(line.sku) ?? 0) + line.quantity);
      }
    }
    const levels = await env.t.dataSource.query<{ sku: string; on_hand: number; reserved: number; effect: string | null }[]>(
      `SELECT p.sku, s.on_hand, s.reserved,
              (SELECT sum(e.available_delta) FROM stock_store_effect e
                WHERE e.warehouse_id = s.warehouse_id AND e.product_id = s.product_id AND e.store_id = $2) AS effect
         FROM stock_level s JOIN product p ON p.id = s.product_id WHERE s.warehouse_id = $1`,
      [s.warehouse.id, s.storeId],
    );
    expect(levels.map((l) => [l.sku, l.on_hand, l.reserved, Number(l.effect)]).sort()).toEqual(
      s.products.map((p) => [p.sku, 10_000, ordered.get(p.sku) ?? 0, -(ordered.get(p.sku) ?? 0)]).sort(),
    );

    // One decision per order in the run history too, and none failed on the way.
    const decisions = await env.t.dataSource.query<{ ref: string; outcomes: string[] }[]>(
      `SELECT i.external_ref AS ref, array_agg(i.outcome ORDER BY i.id) AS outcomes
         FROM sync_run_item i JOIN sync_run r ON r.id = i.sync_run_id
        WHERE r.store_id = $1 AND r.kind = 'order-import' GROUP BY i.external_ref`,
      [s.storeId],
    );
    expect(decisions.filter((d) => d.outcomes.length !== 1 || d.outcomes[0] !== 'imported')).toEqual([]);

    // For the record (jest prints it): how the run went.
    console.log(
      [
        `setup+start ${((killedAt - started) / 1000).toFixed(1)} s to the kill at ${importedAtKill} imported, ${leased.length} orders under the dead worker's lease`,
        `burst created ${((burstDone - started) / 1000).toFixed(1)} s, all decided ${((decidedAt - started) / 1000).toFixed(1)} s`,
      ].join('; '),
    );
  });
});
