import {
  ChannelAdapterHostModule,
  ChannelLocationMappingService,
  ChannelProductMappingService,
  type ChannelStockPair,
  type ChannelStockWrite,
} from '@gantry/core';
import {
  AppProcess,
  FAKE_CHANNEL_APP_ENTRY,
  FAKE_MAX_BATCH,
  FakeChannelAdapter,
  FakeChannelServer,
  makeProduct,
  makeShippingProcess,
  makeStore,
  makeWarehouse,
  startTestApp,
  uniq,
  type FakeStockLedger,
  type HeldWrite,
  type ProductRecord,
  type TestApp,
  type WarehouseRecord,
  until,
  PrivateRedis,
  seeded,
  within,
} from '@gantry/testing';

// Process restarts and a private redis-server take longer than the shared default.
const waitUntil = <T>(read: () => Promise<T>, ok: (value: T) => boolean, what: string, timeoutMs = 30_000): Promise<T> =>
  until(read, ok, what, timeoutMs);
import fc from 'fast-check';

/**
 * The stock engine (libs/core/src/flows/stock) is channel-neutral: the fake channel's stock sink, registered through
 * the real CHANNEL_ADAPTERS token, has traits unlike Shopify's (batches of 50, delta writes only, no compare-and-set,
 * idempotency keys) and goes through the proofs the Shopify connector goes through (stock-sync-faults and
 * stock-sync-crash in libs/channels/shopify/test): failing calls, a property over random runs, a worker killed with
 * SIGKILL and Redis wiped in the middle of a burst. The invariant is delta mode's: every pair on the channel moved by
 * exactly the warehouse's net change, each change applied once.
 */
jest.setTimeout(180_000);

interface Movement {
  type: 'receipt' | 'pick';
  sku: string;
  warehouseId: string;
  quantity: number;
}

interface Fixture {
  storeId: string;
  warehouse: WarehouseRecord;
  /** Each product, its pair on the channel and what the channel held before the warehouse had any stock. */
  products: { product: ProductRecord; pair: ChannelStockPair; start: number }[];
}

const count = async (t: TestApp, sql: string, params: unknown[] = []): Promise<number> =>
  Number((await t.dataSource.query<{ n: string }[]>(sql, params))[0]?.n ?? 0);

/**
 * A fake store syncing stock in delta mode (window 1 s) from a new warehouse: `skuCount` products mapped to channel
 * items at one channel location, the channel holding `start(i)` of each. Seeded through the services a channel lib
 * uses (location mappings, product mappings), then waits until the worker has applied the lifecycle events they raise.
 */
async function setupFakeStore(t: TestApp, ledger: FakeStockLedger, skuCount: number, start: (i: number) => number): Promise<Fixture> {
  const warehouse = await makeWarehouse(t);
  const shipping = await makeShippingProcess(t, warehouse.id);
  const store = await makeStore(t, { settings: { stockSync: { enabled: true, mode: 'delta', windowSeconds: 1 } } });
  const channelLocationId = `fake-location-${uniq('loc')}`;
  await t.app
    .get(ChannelLocationMappingService)
    .replace(store.id, [{ channelLocationId, warehouseId: warehouse.id, shippingProcessId: shipping.id, isDefault: true }]);
  const products: ProductRecord[] = [];
  for (let i = 0; i < skuCount; i++) {
    products.push(await makeProduct(t));
  }
  await t.app.get(ChannelProductMappingService).add(
    store.id,
    products.map((p) => ({
      productId: p.id,
      sku: p.sku,
      externalId: `fake-variant-${p.sku}`,
      externalProductId: null,
      stockItemId: `fake-item-${p.sku}`,
    })),
  );
  const fixture: Fixture = {
    storeId: store.id,
    warehouse,
    products: products.map((product, i) => ({
      product,
      pair: { channelItemId: `fake-item-${product.sku}`, channelLocationId },
      start: start(i),
    })),
  };
  for (const p of fixture.products) {
    ledger.setQuantity(store.id, p.pair, p.start);
  }
  await waitUntil(
    () => count(t, `SELECT count(*) AS n FROM outbox_event WHERE handled_at IS NULL`),
    (n) => n === 0,
    'the store set-up to be applied',
    60_000,
  ).catch(async (error: unknown) => {
    const events = await t.dataSource.query(
      `SELECT id, topic, relayed_at, attempts, last_error FROM outbox_event WHERE handled_at IS NULL`,
    );
    throw new Error(`${String(error)}\nunhandled: ${JSON.stringify(events)}`);
  });
  // Mapped is tracked: every pair has its delta baseline (the warehouse's value, nothing yet) before any movement.
  expect(await count(t, `SELECT count(*) AS n FROM stock_sync_item WHERE store_id = $1 AND baseline_available = 0`, [store.id])).toBe(
    skuCount,
  );
  return fixture;
}

async function post(t: TestApp, movements: Movement[]): Promise<void> {
  await t.http().post('/api/v1/stock/movements/batch').send({ movements }).expect(201);
}

/** Waits until nothing is left to push for the store: no pending item, no push on its way, no unhandled event. */
async function settled(t: TestApp, storeId: string, timeoutMs = 60_000): Promise<void> {
  await waitUntil(
    () =>
      count(
        t,
        `SELECT (SELECT count(*) FROM stock_sync_item WHERE store_id = $1 AND (wanted_version > pushed_version OR push_id IS NOT NULL))
              + (SELECT count(*) FROM stock_push WHERE store_id = $1 AND status = 'pending')
              + (SELECT count(*) FROM outbox_event WHERE handled_at IS NULL) AS n`,
        [storeId],
      ),
    (n) => n === 0,
    'stock sync to settle',
    timeoutMs,
  ).catch(async (error: unknown) => {
    const items = await t.dataSource.query(
      `SELECT channel_item_id, wanted_version, pushed_version, push_id, due_at FROM stock_sync_item
        WHERE store_id = $1 AND (wanted_version > pushed_version OR push_id IS NOT NULL) LIMIT 5`,
      [storeId],
    );
    const pushes = await t.dataSource.query(
      `SELECT id, status, error, attempts FROM stock_push WHERE store_id = $1 ORDER BY id DESC LIMIT 5`,
      [storeId],
    );
    throw new Error(`${String(error)}\nitems: ${JSON.stringify(items)}\npushes: ${JSON.stringify(pushes)}`);
  });
}

/** The warehouse's available per SKU (a product that never moved has no level: 0). */
async function wmsAvailable(t: TestApp, f: Fixture): Promise<Map<string, number>> {
  const res = await t.http().get(`/api/v1/stock/levels?warehouseId=${f.warehouse.id}&limit=5000`).expect(200);
  const levels = new Map((res.body as { sku: string; available: number }[]).map((l) => [l.sku, l.available]));
  return new Map(f.products.map((p) => [p.product.sku, levels.get(p.product.sku) ?? 0]));
}

/** Every pair on the channel moved by exactly the warehouse's net change (the warehouse started from nothing). */
async function expectNetChangeOnChannel(t: TestApp, f: Fixture, ledger: FakeStockLedger): Promise<void> {
  const wms = await wmsAvailable(t, f);
  const channel = await ledger.read(
    f.storeId,
    f.products.map((p) => p.pair),
  );
  expect(f.products.map((p, i) => [p.product.sku, channel[i]])).toEqual(
    f.products.map((p) => [p.product.sku, p.start + (wms.get(p.product.sku) ?? NaN)]),
  );
}

/** Nothing pending or refused: every push the engine recorded for the store was applied. */
async function expectEveryPushDone(t: TestApp, f: Fixture): Promise<void> {
  expect(await count(t, `SELECT count(*) AS n FROM stock_push WHERE store_id = $1 AND status <> 'done'`, [f.storeId])).toBe(0);
}

/** Each write the channel saw was applied at most once, whatever number of times it arrived. */
function expectAppliedOnce(ledger: FakeStockLedger): void {
  expect([...ledger.applications.values()].filter((n) => n !== 1)).toEqual([]);
}

/**
 * Sends `moves` (the warehouse starting from nothing) in batches of `batchSize`, `posters` batches at a time
 * (concurrent transactions interleave). A negative move is a pick of stock that was on hand before its round, so it is
 * never refused whatever order the round commits in; without such stock it becomes a receipt.
 */
async function play(
  t: TestApp,
  f: Fixture,
  moves: { sku: number; quantity: number }[],
  options: { batchSize: number; posters: number },
): Promise<void> {
  const onHand = new Map<string, number>();
  const batches: { sku: number; quantity: number }[][] = [];
  for (let i = 0; i < moves.length; i += options.batchSize) {
    batches.push(moves.slice(i, i + options.batchSize));
  }
  for (let r = 0; r < batches.length; r += options.posters) {
    const spare = new Map(onHand);
    const round = batches.slice(r, r + options.posters).map((batch) =>
      batch.map<Movement>((m) => {
        const sku = f.products[m.sku % f.products.length]?.product.sku ?? '';
        const take = m.quantity < 0 && (spare.get(sku) ?? 0) >= -m.quantity;
        const quantity = Math.abs(m.quantity);
        if (take) {
          spare.set(sku, (spare.get(sku) ?? 0) - quantity);
        }
        onHand.set(sku, (onHand.get(sku) ?? 0) + (take ? -quantity : quantity));
        return { type: take ? 'pick' : 'receipt', sku, warehouseId: f.warehouse.id, quantity };
      }),
    );
    await Promise.all(round.map((movements) => post(t, movements)));
  }
}

describe('stock engine with the fake channel (batches of 50, delta only, no compare-and-set)', () => {
  let t: TestApp;
  let fake: FakeChannelAdapter;

  beforeAll(async () => {
    t = await startTestApp({ worker: true, imports: [ChannelAdapterHostModule.register(FakeChannelAdapter)] });
    fake = t.app.get(FakeChannelAdapter);
  });
  beforeEach(() => fake.reset());
  afterAll(() => t.close());

  const writesOf = (storeId: string): ChannelStockWrite[] =>
    fake.calls.filter((c) => c.method === 'pushStock' && c.storeId === storeId).map((c) => c.args[0] as ChannelStockWrite);

  it('sends 120 changed pairs in ⌈120 / 50⌉ = 3 delta writes of at most 50 lines, none with a compare-and-set value', async () => {
    const f = await setupFakeStore(t, fake.ledger, 120, (i) => 40 + i);
    // 120 changes in one transaction: all due at once.
    await post(
      t,
      f.products.map((p, i) => ({ type: 'receipt', sku: p.product.sku, warehouseId: f.warehouse.id, quantity: 1 + (i % 7) })),
    );
    await settled(t, f.storeId);
    const writes = writesOf(f.storeId);
    expect(writes).toHaveLength(Math.ceil(120 / FAKE_MAX_BATCH));
    expect(writes.map((w) => w.lines.length).sort((a, b) => b - a)).toEqual([50, 50, 20]);
    expect(writes.map((w) => w.mode)).toEqual(['delta', 'delta', 'delta']);
    expect(writes.flatMap((w) => w.lines.filter((l) => l.expected !== null))).toEqual([]);
    expect(new Set(writes.map((w) => w.idempotencyKey)).size).toBe(3);
    // Every pair once, with its whole change; no read before a push (there is no compare-and-set to prepare).
    const sent = writes.flatMap((w) => w.lines.map((l) => `${l.channelItemId}@${l.channelLocationId}=${l.delta}`)).sort();
    expect(sent).toEqual(f.products.map((p, i) => `${p.pair.channelItemId}@${p.pair.channelLocationId}=${1 + (i % 7)}`).sort());
    expect(fake.calls.filter((c) => c.method === 'readStock')).toEqual([]);
    await expectNetChangeOnChannel(t, f, fake.ledger);
    await expectEveryPushDone(t, f);
  });

  it('applies every change exactly once with 20 % of writes failing: before applying, or applied with the answer lost', async () => {
    const f = await setupFakeStore(t, fake.ledger, 40, (i) => 100 + i);
    fake.ledger.random = seeded(20261124);
    // Both kinds happen whatever the draws; then 10 % of writes fail before applying and 10 % lose their answer.
    fake.ledger.scripted.push('before-applying', 'answer-lost');
    fake.ledger.failRate = 0.1;
    fake.ledger.lostAnswerRate = 0.1;
    const moves = Array.from({ length: 600 }, (_, i) => ({ sku: (i * 11) % 40, quantity: i % 4 === 0 ? -2 : 3 }));
    await play(t, f, moves, { batchSize: 12, posters: 1 });
    await settled(t, f.storeId);
    fake.ledger.failRate = 0;
    fake.ledger.lostAnswerRate = 0;
    await expectNetChangeOnChannel(t, f, fake.ledger);
    await expectEveryPushDone(t, f);
    const log = fake.ledger.log.filter((l) => l.storeId === f.storeId);
    expect(log.filter((l) => l.outcome === 'failed-before-applying').length).toBeGreaterThan(0);
    const lost = log.filter((l) => l.outcome === 'applied-answer-lost');
    expect(lost.length).toBeGreaterThan(0);
    // A lost answer was sent again under its key and answered from the channel's memory, not applied again.
    for (const l of lost) {
      expect(fake.ledger.received.get(l.idempotencyKey)).toBeGreaterThanOrEqual(2);
    }
    expectAppliedOnce(fake.ledger);
    expect(log.every((l) => l.mode === 'delta' && l.lines <= FAKE_MAX_BATCH && !l.expectedSet)).toBe(true);
  });

  it('property: random movements, fault rates and interleavings always move every pair by exactly the net change', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          skuCount: fc.constantFrom(3, 8, 55),
          failRate: fc.constantFrom(0, 0.1, 0.25),
          lostAnswerRate: fc.constantFrom(0, 0.1, 0.25),
          faultSeed: fc.integer(),
          batchSize: fc.integer({ min: 1, max: 25 }),
          posters: fc.integer({ min: 1, max: 3 }),
          moves: fc.array(fc.record({ sku: fc.nat(999), quantity: fc.integer({ min: -4, max: 6 }).filter((q) => q !== 0) }), {
            minLength: 1,
            maxLength: 80,
          }),
        }),
        async ({ skuCount, failRate, lostAnswerRate, faultSeed, batchSize, posters, moves }) => {
          fake.reset();
          const f = await setupFakeStore(t, fake.ledger, skuCount, (i) => 10 * i);
          Object.assign(fake.ledger, { failRate, lostAnswerRate, random: seeded(faultSeed) });
          await play(t, f, moves, { batchSize, posters });
          await settled(t, f.storeId);
          Object.assign(fake.ledger, { failRate: 0, lostAnswerRate: 0 });
          await expectNetChangeOnChannel(t, f, fake.ledger);
          await expectEveryPushDone(t, f);
          expectAppliedOnce(fake.ledger);
          expect(fake.ledger.log.every((l) => l.mode === 'delta' && l.lines <= FAKE_MAX_BATCH && !l.expectedSet)).toBe(true);
        },
      ),
      // Each run builds a store and waits for convergence: no shrinking, the first counterexample is reported as is.
      { numRuns: 10, seed: 20261124, endOnFailure: true },
    );
  });
});

const SKUS = 100;
const BATCHES = 30;
const BATCH_SIZE = 100;
// Half-way: pushes are flowing and the second half of the burst lands on the recovering worker (or wiped Redis).
const MIDDLE = BATCHES / 2;

/**
 * 3,000 receipts and picks over every product, each batch touching each product once (37 and 100 are coprime); a pick
 * never takes more than is on hand (the WMS refuses that).
 */
function burst(f: Fixture): Movement[][] {
  const random = seeded(20261125);
  const onHand = new Array<number>(f.products.length).fill(0);
  return Array.from({ length: BATCHES }, (_, b) =>
    Array.from({ length: BATCH_SIZE }, (_unused, i) => {
      const index = ((b * BATCH_SIZE + i) * 37) % f.products.length;
      const quantity = 1 + Math.floor(random() * 5);
      const pick = random() < 0.45 && (onHand[index] ?? 0) >= quantity;
      onHand[index] = (onHand[index] ?? 0) + (pick ? -quantity : quantity);
      return { type: pick ? 'pick' : 'receipt', sku: f.products[index]?.product.sku ?? '', warehouseId: f.warehouse.id, quantity };
    }),
  );
}

describe('stock engine with the fake channel: worker processes killed, Redis wiped', () => {
  let t: TestApp;
  let channel: FakeChannelServer;
  let redis: PrivateRedis;
  let workers: AppProcess[] = [];

  beforeAll(async () => {
    // The channel keeps its stock here, so it outlives the workers; the API runs here, pushes only in the workers.
    channel = await FakeChannelServer.start();
    redis = await PrivateRedis.start();
    t = await startTestApp({ worker: false, imports: [ChannelAdapterHostModule.register(FakeChannelAdapter)] });
  });
  beforeEach(() => channel.ledger.reset());
  afterEach(async () => {
    channel.disarm();
    await Promise.all(workers.map((w) => w.stop()));
    workers = [];
  });
  afterAll(async () => {
    await t?.close();
    await redis?.stop();
    await channel?.close();
  });

  const startWorker = (env: Record<string, string> = {}): Promise<AppProcess> =>
    AppProcess.start('worker', { FAKE_CHANNEL_URL: channel.url, ...env }, { entry: FAKE_CHANNEL_APP_ENTRY });
  const logs = (): string => workers.map((w, i) => `--- worker ${i}:\n${w.log().slice(-3000)}`).join('\n');

  /** After the burst: every movement booked, everything pushed, every push applied once, every pair moved by its net change. */
  async function expectConverged(f: Fixture): Promise<void> {
    expect(await count(t, `SELECT count(*) AS n FROM stock_movement WHERE warehouse_id = $1`, [f.warehouse.id])).toBe(BATCHES * BATCH_SIZE);
    await settled(t, f.storeId, 150_000).catch((error: unknown) => {
      throw new Error(`${String(error)}\n${logs()}`);
    });
    expect(await count(t, `SELECT count(*) AS n FROM outbox_event WHERE handled_at IS NULL`)).toBe(0);
    await expectEveryPushDone(t, f);
    expectAppliedOnce(channel.ledger);
    expect(channel.ledger.log.every((l) => l.mode === 'delta' && l.lines <= FAKE_MAX_BATCH && !l.expectedSet)).toBe(true);
    await expectNetChangeOnChannel(t, f, channel.ledger);
  }

  it('SIGKILL of the worker while the channel has applied a push it never answered: every pair moves by exactly the net change', async () => {
    workers.push(await startWorker());
    const f = await setupFakeStore(t, channel.ledger, SKUS, (i) => 1000 + i);
    const batches = burst(f);
    let killed: { held: HeldWrite; pushId: string } | null = null;
    let replacement: Promise<AppProcess> | null = null;
    for (const [b, movements] of batches.entries()) {
      let held: Promise<HeldWrite> | null = null;
      if (b === MIDDLE) {
        await waitUntil(
          () => count(t, `SELECT count(*) AS n FROM stock_push WHERE store_id = $1 AND status = 'done'`, [f.storeId]),
          (n) => n > 0,
          'a first stock push',
          60_000,
        );
        held = channel.holdNextWrite();
      }
      await post(t, movements);
      if (held) {
        const write = await within(held, 60_000, () => `no stock write within 60 s\n${logs()}`);
        await workers[0]?.kill();
        // The channel applied it while the dead worker had it written down as pending, its items still claimed by it.
        expect(write.result.lines.every((l) => l.status === 'applied')).toBe(true);
        expect(channel.ledger.applications.get(write.idempotencyKey)).toBe(1);
        const [row] = await t.dataSource.query<{ id: string; status: string; lines: unknown[] }[]>(
          `SELECT id, status, lines FROM stock_push WHERE idempotency_key = $1`,
          [write.idempotencyKey],
        );
        expect(row?.status).toBe('pending');
        expect(await count(t, `SELECT count(*) AS n FROM stock_sync_item WHERE push_id = $1`, [row?.id])).toBe(row?.lines.length);
        killed = { held: write, pushId: row?.id ?? '' };
        // A supervisor would restart it at once; the second half of the burst lands while it boots and recovers.
        replacement = startWorker();
        replacement.catch(() => undefined);
      }
    }
    if (!killed || !replacement) {
      throw new Error('the worker was never killed');
    }
    workers.push(await replacement);
    await expectConverged(f);
    // The recorded push went again under its key; the channel answered from memory and applied it once.
    expect(channel.ledger.received.get(killed.held.idempotencyKey)).toBeGreaterThanOrEqual(2);
    expect(channel.ledger.applications.get(killed.held.idempotencyKey)).toBe(1);
    expect(await count(t, `SELECT count(*) AS n FROM stock_push WHERE id = $1 AND status = 'done'`, [killed.pushId])).toBe(1);
  });

  it('Redis FLUSHALL in the middle of the burst, with jobs active and queued and 20 % of writes failing: every pair moves by exactly the net change', async () => {
    workers.push(await startWorker({ REDIS_URL: redis.url }));
    const f = await setupFakeStore(t, channel.ledger, SKUS, (i) => 500 + i);
    // Over HTTP this time: a 503 before applying, or a connection reset after applying.
    channel.ledger.random = seeded(20261126);
    channel.ledger.scripted.push('before-applying', 'answer-lost');
    channel.ledger.failRate = 0.1;
    channel.ledger.lostAnswerRate = 0.1;
    const batches = burst(f);
    let b = 0;
    const next = async (): Promise<void> => post(t, batches[b++] ?? []);
    while (b < MIDDLE) {
      await next();
    }
    await waitUntil(
      () => count(t, `SELECT count(*) AS n FROM stock_push WHERE store_id = $1 AND status = 'done'`, [f.storeId]),
      (n) => n > 0,
      'a first stock push',
      60_000,
    );
    // Freeze the worker mid-flight, by events rather than timing: the store's flush job waits for an answer the channel
    // holds back, and the outbox dispatchers wait for the store's pairs, which this transaction locks.
    const held = channel.holdNextWrite();
    await next();
    const write = await within(held, 60_000, () => `no stock write within 60 s\n${logs()}`);
    let inFlight: { id: string; relayed_at: string }[] = [];
    const lock = t.dataSource.createQueryRunner();
    await lock.connect();
    await lock.startTransaction();
    try {
      await lock.query(`SELECT 1 FROM stock_sync_item WHERE store_id = $1 FOR UPDATE`, [f.storeId]);
      // One relayed batch after another until one waits in the queue behind the busy dispatchers (4 at a time).
      while ((await redis.client.llen(`${process.env.REDIS_PREFIX as string}:outbox-queue:wait`)) === 0 && b < BATCHES) {
        await next();
        await waitUntil(
          () => count(t, `SELECT count(*) AS n FROM outbox_event WHERE relayed_at IS NULL`),
          (n) => n === 0,
          'the batch to be relayed',
        );
      }
      expect(await redis.client.llen(`${process.env.REDIS_PREFIX as string}:outbox-queue:wait`)).toBeGreaterThan(0);
      inFlight = await t.dataSource.query<{ id: string; relayed_at: string }[]>(
        `SELECT id, relayed_at::text FROM outbox_event WHERE relayed_at IS NOT NULL AND handled_at IS NULL`,
      );
      // Everything the worker keeps in Redis goes: queued and active dispatch jobs, the flush job, their locks.
      expect(await redis.client.flushall()).toBe('OK');
    } finally {
      await lock.rollbackTransaction();
      await lock.release();
    }
    write.release();
    while (b < BATCHES) {
      await next();
    }
    await expectConverged(f);
    // The events of the wiped queued jobs came back through the sweeper: relayed a second time.
    expect(inFlight.length).toBeGreaterThan(0);
    expect(
      await count(
        t,
        `SELECT count(*) AS n FROM outbox_event e JOIN unnest($1::bigint[], $2::timestamptz[]) AS v(id, relayed_at) ON e.id = v.id
          WHERE e.relayed_at > v.relayed_at`,
        [inFlight.map((e) => e.id), inFlight.map((e) => e.relayed_at)],
      ),
    ).toBeGreaterThan(0);
    const outcomes = channel.ledger.log.filter((l) => l.storeId === f.storeId).map((l) => l.outcome);
    expect(outcomes).toEqual(expect.arrayContaining(['failed-before-applying', 'applied-answer-lost']));
  });
});
