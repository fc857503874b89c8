import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AppProcess, ensureBuilt, PrivateRedis, seeded, within } from '@gantry/testing';
import { API_KEY, API_SECRET, gql, startShopifyEnv, type ShopifyTestEnv } from './shopify-test.env';
import { settled, setupStockSync, until, type StockFixture } from './stock-sync.fixture';

jest.setTimeout(180_000);

const SKUS = 100;
const BATCHES = 100;
const BATCH_SIZE = 100;
// Half-way: pushes are flowing and the second half of the burst lands on the recovering worker (or wiped Redis).
const KILL_AT_BATCH = BATCHES / 2;

interface HeldPush {
  key: string;
  /** What the sandbox answered; the worker never saw it. */
  answer: { data?: Record<string, { inventoryAdjustmentGroup: { id: string } | null; userErrors: unknown[] } | undefined> };
}

/**
 * Stands between the worker processes and the sandbox and passes everything through. Armed, it lets the next
 * stock push reach Shopify and keeps the answer back: Shopify has applied the push and the worker, which wrote
 * it down as pending, waits for a reply that never comes. Killing the worker then is the worst moment for
 * exactly-once, and it is reached by an event, not by timing, so CPU load cannot move it.
 */
class PushInterceptor {
  /** Times each idempotency key was sent. */
  readonly sent = new Map<string, number>();
  private hold: ((push: HeldPush) => void) | null = null;

  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {}

  static async start(target: string): Promise<PushInterceptor> {
    const holder: { proxy?: PushInterceptor } = {};
    const server = createServer((req, res) => {
      holder.proxy?.forward(target, req, res).catch((error: unknown) => {
        res.destroy(error instanceof Error ? error : new Error(String(error)));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const proxy = new PushInterceptor(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    holder.proxy = proxy;
    return proxy;
  }

  /** Resolves with the next push once Shopify has applied it; its answer is never delivered. */
  holdNextPush(): Promise<HeldPush> {
    return new Promise((resolve) => {
      this.hold = resolve;
    });
  }

  /** Stops holding (a test that failed before its push came). */
  disarm(): void {
    this.hold = null;
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private async forward(target: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) {
      chunks.push(chunk as Buffer);
    }
    const body = Buffer.concat(chunks);
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) {
      if (typeof value === 'string' && !['host', 'connection', 'content-length'].includes(name)) {
        headers.set(name, value);
      }
    }
    const answer = await fetch(`${target}${req.url ?? '/'}`, { method: req.method, headers, body: body.length > 0 ? body : undefined });
    const text = await answer.text();
    const key = PushInterceptor.pushKey(body);
    if (key !== null) {
      this.sent.set(key, (this.sent.get(key) ?? 0) + 1);
      const hold = this.hold;
      if (hold) {
        this.hold = null;
        hold({ key, answer: JSON.parse(text) as HeldPush['answer'] });
        return;
      }
    }
    const out: Record<string, string> = {};
    answer.headers.forEach((value, name) => {
      if (!['content-encoding', 'content-length', 'transfer-encoding', 'connection'].includes(name)) {
        out[name] = value;
      }
    });
    res.writeHead(answer.status, out);
    res.end(text);
  }

  /** The idempotency key of an inventory mutation (a stock push), or null for any other request. */
  private static pushKey(body: Buffer): string | null {
    const text = body.toString('utf8');
    if (!/inventory(Set|Adjust)Quantities\(/.test(text)) {
      return null;
    }
    const parsed = JSON.parse(text) as { variables?: { key?: unknown } };
    return typeof parsed.variables?.key === 'string' ? parsed.variables.key : null;
  }
}

/** 10,000 receipts and picks spread over every SKU; a pick never takes more than is on hand (the WMS refuses that). */
function burst(f: StockFixture): { type: 'receipt' | 'pick'; sku: string; warehouseId: string; quantity: number }[][] {
  const random = seeded(20261123);
  const onHand = new Array<number>(f.products.length).fill(0);
  return Array.from({ length: BATCHES }, (_, b) =>
    Array.from({ length: BATCH_SIZE }, (_unused, i) => {
      const index = ((b * BATCH_SIZE + i) * 37) % f.products.length;
      const quantity = 1 + Math.floor(random() * 5);
      const pick = random() < 0.45 && (onHand[index] ?? 0) >= quantity;
      onHand[index] = (onHand[index] ?? 0) + (pick ? -quantity : quantity);
      return {
        type: pick ? ('pick' as const) : ('receipt' as const),
        sku: f.products[index]?.product.sku ?? '',
        warehouseId: f.warehouse.id,
        quantity,
      };
    }),
  );
}

/** Shopify's available quantity per inventory item at the mapped location, in one read. */
async function shopifyLevels(env: ShopifyTestEnv, f: StockFixture): Promise<Map<string, number>> {
  const res = await gql(
    env,
    f.shop,
    f.token,
    `query($loc: ID!) { location(id: $loc) { inventoryLevels(first: 250) { nodes { item { id } quantities(names: ["available"]) { quantity } } } } }`,
    { loc: f.locationId },
  );
  const nodes = res.data.location.inventoryLevels.nodes as { item: { id: string }; quantities: { quantity: number }[] }[];
  return new Map(nodes.map((n) => [n.item.id, n.quantities[0]?.quantity ?? NaN]));
}

async function wmsLevels(env: ShopifyTestEnv, f: StockFixture): Promise<Map<string, number>> {
  const res = await env.t.http().get(`/api/v1/stock/levels?warehouseId=${f.warehouse.id}`).expect(200);
  return new Map((res.body as { sku: string; available: number }[]).map((l) => [l.sku, l.available]));
}

describe('stock sync: worker killed with SIGKILL in the middle of a 10,000-movement burst', () => {
  let env: ShopifyTestEnv;
  let proxy: PushInterceptor;
  let workers: AppProcess[] = [];

  beforeAll(async () => {
    ensureBuilt();
    // The API (HTTP, webhooks) runs here; relay, dispatch and stock pushes run only in the worker processes.
    env = await startShopifyEnv({ worker: false });
    proxy = await PushInterceptor.start(env.sandboxUrl);
  });
  afterEach(async () => {
    proxy.disarm();
    await Promise.all(workers.map((w) => w.stop()));
    workers = [];
  });
  afterAll(async () => {
    await proxy?.close();
    await env?.close();
  });

  const count = async (sql: string, params: unknown[]): Promise<number> =>
    Number((await env.t.dataSource.query<{ n: string }[]>(sql, params))[0]?.n ?? 0);

  const startWorker = (): Promise<AppProcess> =>
    AppProcess.start('worker', {
      SHOPIFY_SANDBOX_URL: proxy.url,
      SHOPIFY_API_KEY: API_KEY,
      SHOPIFY_API_SECRET: API_SECRET,
      APP_URL: process.env.APP_URL as string,
    });

  /**
   * Runs the burst; at half of it, once pushes are flowing, holds the next push's answer and SIGKILLs the worker
   * that sent it, then starts a new worker while the second half arrives; waits until everything is pushed.
   */
  async function burstWithKill(f: StockFixture): Promise<void> {
    const batches = burst(f);
    workers.push(await startWorker());
    let killed: { key: string; id: string } | null = null;
    let replacement: Promise<AppProcess> | null = null;
    for (const [b, movements] of batches.entries()) {
      let held: Promise<HeldPush> | null = null;
      if (b === KILL_AT_BATCH) {
        await until(
          () => count(`SELECT count(*) AS n FROM stock_push WHERE store_id = $1 AND status = 'done'`, [f.storeId]),
          (n) => n > 0,
          'a first stock push',
          60_000,
        );
        held = proxy.holdNextPush();
      }
      await env.t.http().post('/api/v1/stock/movements/batch').send({ movements }).expect(201);
      if (held) {
        const push = await within(held, 60_000, () => `no stock push within 60 s; worker log:\n${workers[0]?.log().slice(-3000)}`);
        await workers[0]?.kill();
        // Shopify applied it: the mutation answered an adjustment group and no userErrors.
        const [result] = Object.values(push.answer.data ?? {});
        expect(result?.userErrors).toEqual([]);
        expect(result?.inventoryAdjustmentGroup?.id).toEqual(expect.any(String));
        // ... while the dead worker had it written down as pending, its items still claimed by it.
        const [row] = await env.t.dataSource.query<{ id: string; status: string; lines: unknown[] }[]>(
          `SELECT id, status, lines FROM stock_push WHERE idempotency_key = $1`,
          [push.key],
        );
        expect(row?.status).toBe('pending');
        expect(await count(`SELECT count(*) AS n FROM stock_sync_item WHERE push_id = $1`, [row?.id])).toBe(row?.lines.length);
        killed = { key: push.key, id: row?.id ?? '' };
        // A supervisor would restart it at once; the second half of the burst lands while it boots and recovers.
        replacement = startWorker();
        replacement.catch(() => undefined);
      }
    }
    if (!killed || !replacement) {
      throw new Error('the worker was never killed');
    }
    workers.push(await replacement);
    expect(await count(`SELECT count(*) AS n FROM stock_movement WHERE warehouse_id = $1`, [f.warehouse.id])).toBe(BATCHES * BATCH_SIZE);
    await settled(env, f.storeId, 150_000).catch((error: unknown) => {
      throw new Error(`${String(error)}\nworker log:\n${workers[1]?.log().slice(-3000)}`);
    });
    // The recorded push was sent again under its key (Shopify replays its first answer) and is now done.
    expect(proxy.sent.get(killed.key)).toBeGreaterThanOrEqual(2);
    expect(await count(`SELECT count(*) AS n FROM stock_push WHERE id = $1 AND status = 'done'`, [killed.id])).toBe(1);
    expect(await count(`SELECT count(*) AS n FROM stock_push WHERE store_id = $1 AND status <> 'done'`, [f.storeId])).toBe(0);
  }

  it('absolute: Shopify equals the warehouse for every item', async () => {
    // Shopify starts with numbers the warehouse never had: each must be overwritten.
    const f = await setupStockSync(env, 'kill-absolute.myshopify.com', {
      mode: 'absolute',
      skuCount: SKUS,
      windowSeconds: 1,
      shopifyStart: (i) => 7 + i,
    });
    await burstWithKill(f);
    const [shopify, wms] = await Promise.all([shopifyLevels(env, f), wmsLevels(env, f)]);
    const got = f.products.map((p) => [p.product.sku, shopify.get(p.inventoryItemId)]);
    const want = f.products.map((p) => [p.product.sku, wms.get(p.product.sku)]);
    expect(got).toEqual(want);
  });

  it('delta: every item moved on Shopify by exactly the net warehouse change', async () => {
    // Shopify keeps stock of its own; delta mode adds the warehouse's changes to it, each exactly once.
    const start = (i: number): number => 1000 + i;
    const f = await setupStockSync(env, 'kill-delta.myshopify.com', {
      mode: 'delta',
      skuCount: SKUS,
      windowSeconds: 1,
      shopifyStart: start,
    });
    await burstWithKill(f);
    const [shopify, wms] = await Promise.all([shopifyLevels(env, f), wmsLevels(env, f)]);
    // The warehouse started from nothing, so its net change is its available quantity now.
    const got = f.products.map((p) => [p.product.sku, shopify.get(p.inventoryItemId)]);
    const want = f.products.map((p, i) => [p.product.sku, start(i) + (wms.get(p.product.sku) ?? NaN)]);
    expect(got).toEqual(want);
  });
});

describe('stock sync: Redis FLUSHALL in the middle of a 10,000-movement burst', () => {
  let env: ShopifyTestEnv;
  let redis: PrivateRedis;
  let worker: AppProcess | undefined;

  beforeAll(async () => {
    ensureBuilt();
    env = await startShopifyEnv({ worker: false });
    redis = await PrivateRedis.start();
  });
  afterEach(async () => {
    await worker?.stop();
    worker = undefined;
  });
  afterAll(async () => {
    await redis?.stop();
    await env?.close();
  });

  const count = async (sql: string, params: unknown[]): Promise<number> =>
    Number((await env.t.dataSource.query<{ n: string }[]>(sql, params))[0]?.n ?? 0);

  /** The burst with the worker on the private Redis, wiped with FLUSHALL half-way while pushes are flowing. */
  async function burstWithFlush(f: StockFixture): Promise<void> {
    worker = await AppProcess.start('worker', {
      SHOPIFY_SANDBOX_URL: env.sandboxUrl,
      SHOPIFY_API_KEY: API_KEY,
      SHOPIFY_API_SECRET: API_SECRET,
      APP_URL: process.env.APP_URL as string,
      REDIS_URL: redis.url,
    });
    for (const [b, movements] of burst(f).entries()) {
      await env.t.http().post('/api/v1/stock/movements/batch').send({ movements }).expect(201);
      if (b === KILL_AT_BATCH) {
        await until(
          () => count(`SELECT count(*) AS n FROM stock_push WHERE store_id = $1 AND status = 'done'`, [f.storeId]),
          (n) => n > 0,
          'a first stock push',
          60_000,
        );
        // Work in flight lives in Redis now (queued outbox batches, the store's flush job): all of it goes.
        expect(await redis.client.dbsize()).toBeGreaterThan(0);
        expect(await redis.client.flushall()).toBe('OK');
      }
    }
    expect(await count(`SELECT count(*) AS n FROM stock_movement WHERE warehouse_id = $1`, [f.warehouse.id])).toBe(BATCHES * BATCH_SIZE);
    await settled(env, f.storeId, 150_000).catch((error: unknown) => {
      throw new Error(`${String(error)}\nworker log:\n${worker?.log().slice(-3000) ?? ''}`);
    });
    // Every stock event came through, though the queue jobs carrying some of them were wiped (echo webhooks may
    // still be arriving, so only stock events are counted).
    expect(await count(`SELECT count(*) AS n FROM outbox_event WHERE topic = 'stock.changed' AND handled_at IS NULL`, [])).toBe(0);
    expect(await count(`SELECT count(*) AS n FROM stock_push WHERE store_id = $1 AND status <> 'done'`, [f.storeId])).toBe(0);
  }

  it('absolute: Shopify equals the warehouse for every item', async () => {
    const f = await setupStockSync(env, 'flush-absolute.myshopify.com', {
      mode: 'absolute',
      skuCount: SKUS,
      windowSeconds: 1,
      shopifyStart: (i) => 3 + i,
    });
    await burstWithFlush(f);
    const [shopify, wms] = await Promise.all([shopifyLevels(env, f), wmsLevels(env, f)]);
    expect(f.products.map((p) => [p.product.sku, shopify.get(p.inventoryItemId)])).toEqual(
      f.products.map((p) => [p.product.sku, wms.get(p.product.sku)]),
    );
  });

  it('delta: every item moved on Shopify by exactly the net warehouse change', async () => {
    const start = (i: number): number => 500 + i;
    const f = await setupStockSync(env, 'flush-delta.myshopify.com', {
      mode: 'delta',
      skuCount: SKUS,
      windowSeconds: 1,
      shopifyStart: start,
    });
    await burstWithFlush(f);
    const [shopify, wms] = await Promise.all([shopifyLevels(env, f), wmsLevels(env, f)]);
    expect(f.products.map((p) => [p.product.sku, shopify.get(p.inventoryItemId)])).toEqual(
      f.products.map((p, i) => [p.product.sku, start(i) + (wms.get(p.product.sku) ?? NaN)]),
    );
  });
});
