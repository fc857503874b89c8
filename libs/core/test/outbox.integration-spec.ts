import { getQueueToken } from '@nestjs/bull';
import { Injectable, Module } from '@nestjs/common';
import {
  HandlesOutboxTopics,
  OutboxRelayService,
  OutboxSweeperService,
  OutboxTopic,
  QueueName,
  type OutboxEvent,
  type OutboxEventHandler,
} from '@gantry/core';
import { makeProduct, makeWarehouse, receive, startTestApp, type TestApp } from '@gantry/testing';
import type { Queue } from 'bull';
import Redis from 'ioredis';

@Injectable()
@HandlesOutboxTopics(OutboxTopic.STOCK_CHANGED)
class RecordingHandler implements OutboxEventHandler {
  readonly seen: string[] = [];

  handle(events: OutboxEvent[]): Promise<void> {
    this.seen.push(...events.map((e) => e.id));
    return Promise.resolve();
  }
}

@Module({ providers: [RecordingHandler] })
class RecordingModule {}

async function until(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting for ${what}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('transactional outbox', () => {
  let t: TestApp;
  let handler: RecordingHandler;
  let queue: Queue;

  beforeAll(async () => {
    t = await startTestApp({ worker: true, imports: [RecordingModule] });
    handler = t.app.get(RecordingHandler);
    queue = t.app.get<Queue>(getQueueToken(QueueName.OUTBOX));
  });
  afterAll(() => t.close());

  const pending = async (): Promise<number> => {
    const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM outbox_event WHERE handled_at IS NULL`);
    return n as number;
  };
  const allIds = async (): Promise<string[]> =>
    (await t.dataSource.query(`SELECT id FROM outbox_event ORDER BY id`)).map((r: { id: string }) => r.id);

  it('writes a stock.changed event in the movement transaction and hands it to its handler once', async () => {
    const wh = await makeWarehouse(t);
    const p = await makeProduct(t);
    await receive(t, p.sku, wh.id, 7);
    const [event] = await t.dataSource.query(`SELECT id, payload FROM outbox_event WHERE payload->>'productId' = $1`, [p.id]);
    expect(event.payload).toMatchObject({
      warehouseId: wh.id,
      productId: p.id,
      sku: p.sku,
      onHand: 7,
      available: 7,
      availableBefore: 0,
      version: '1',
      sourceStoreId: null,
      storeDeltas: {},
    });
    await until(() => handler.seen.includes(event.id as string), 'the handler');
    expect(handler.seen.filter((id) => id === event.id)).toHaveLength(1);
  });

  it('writes no event when the movement is refused', async () => {
    const wh = await makeWarehouse(t);
    const p = await makeProduct(t);
    await t.http().post('/api/v1/stock/movements').send({ type: 'pick', sku: p.sku, warehouseId: wh.id, quantity: 1 }).expect(409);
    expect(await t.dataSource.query(`SELECT id FROM outbox_event WHERE payload->>'productId' = $1`, [p.id])).toEqual([]);
  });

  it('treats a duplicate relay of the same events as harmless', async () => {
    const wh = await makeWarehouse(t);
    const p = await makeProduct(t);
    await receive(t, p.sku, wh.id, 1);
    await receive(t, p.sku, wh.id, 1);
    await until(async () => (await pending()) === 0, 'all events handled');
    const ids: string[] = (await t.dataSource.query(`SELECT id FROM outbox_event WHERE payload->>'productId' = $1`, [p.id])).map(
      (r: { id: string }) => r.id,
    );
    await queue.add('dispatch', { ids }, { jobId: `replay-${ids.join('-')}` });
    await queue.add('dispatch', { ids }, { jobId: `replay-again-${ids.join('-')}` });
    await until(async () => (await queue.getJobCounts()).waiting === 0 && (await queue.getJobCounts()).active === 0, 'replays processed');
    for (const id of ids) {
      expect(handler.seen.filter((s) => s === id)).toHaveLength(1);
    }
  });

  it('handles events whose rows another transaction holds without handling them (a concurrent relay round)', async () => {
    await queue.pause(true);
    const wh = await makeWarehouse(t);
    const p = await makeProduct(t);
    await receive(t, p.sku, wh.id, 2);
    const [{ id }] = await t.dataSource.query(`SELECT id FROM outbox_event WHERE payload->>'productId' = $1`, [p.id]);
    await until(
      async () => (await t.dataSource.query(`SELECT 1 FROM outbox_event WHERE id = $1 AND relayed_at IS NOT NULL`, [id])).length > 0,
      'the relay',
    );
    // Another process's relay round holds the row (as one that read it pending and lost it to this relay does) while
    // the dispatch job runs: the dispatcher waits for it instead of finishing without the event.
    const holder = t.dataSource.createQueryRunner();
    await holder.connect();
    await holder.startTransaction();
    try {
      await holder.query(`SELECT id FROM outbox_event WHERE id = $1 FOR UPDATE`, [id]);
      await queue.resume(true);
      await until(
        async () =>
          (
            await t.dataSource.query(
              `SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'
                  AND query LIKE 'UPDATE outbox_event SET handled_at%'`,
            )
          ).length > 0,
        'the dispatcher waiting for the row',
      );
    } finally {
      await holder.commitTransaction();
      await holder.release();
    }
    await until(async () => (await pending()) === 0, 'the event handled');
    expect(handler.seen.filter((s) => s === id)).toHaveLength(1);
  });

  it('relays what the process holding the relay lease left waiting (a frozen worker keeps its lease)', async () => {
    // Another process's relay holds the lease and does nothing (as a frozen worker would): this one takes the event
    // once it has waited the lease's grace, not at once.
    const holder = t.dataSource.createQueryRunner();
    await holder.connect();
    await holder.query(`SELECT pg_advisory_lock($1, $2)`, [...OutboxRelayService.LEASE]);
    try {
      const wh = await makeWarehouse(t);
      const p = await makeProduct(t);
      await receive(t, p.sku, wh.id, 4);
      const [{ id }] = await t.dataSource.query(`SELECT id FROM outbox_event WHERE payload->>'productId' = $1`, [p.id]);
      await until(() => handler.seen.includes(id as string), 'the event handled');
      const [{ waited }] = await t.dataSource.query(
        `SELECT relayed_at - created_at >= interval '1 second' AS waited FROM outbox_event WHERE id = $1`,
        [id],
      );
      expect(waited).toBe(true);
      expect(handler.seen.filter((s) => s === id)).toHaveLength(1);
    } finally {
      await holder.query(`SELECT pg_advisory_unlock($1, $2)`, [...OutboxRelayService.LEASE]);
      await holder.release();
    }
  });

  it('loses nothing when Redis is wiped between relay and dispatch', async () => {
    await queue.pause(true);
    const wh = await makeWarehouse(t);
    const products = await Promise.all(Array.from({ length: 5 }, () => makeProduct(t)));
    for (const p of products) {
      await receive(t, p.sku, wh.id, 3);
    }
    await until(async () => {
      const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM outbox_event WHERE relayed_at IS NULL`);
      return n === 0;
    }, 'the relay');
    // Everything Gantry keeps in Redis is gone, as after FLUSHALL.
    const redis = new Redis(process.env.REDIS_URL as string);
    const keys = await redis.keys(`${process.env.REDIS_PREFIX as string}:*`);
    if (keys.length > 0) {
      await redis.del(...keys);
    }
    redis.disconnect();
    await queue.resume(true);
    expect(await pending()).toBeGreaterThanOrEqual(5);

    const sweeper = t.app.get(OutboxSweeperService);
    await new Promise((r) => setTimeout(r, 1100));
    expect(await sweeper.sweep(0)).toBeGreaterThanOrEqual(5);
    t.app.get(OutboxRelayService).wake();
    await until(async () => (await pending()) === 0, 'the re-driven events');
    for (const id of await allIds()) {
      expect(handler.seen.filter((s) => s === id)).toHaveLength(1);
    }
  });
});
