import type { EntityManager } from 'typeorm';
import { NOTIFY_INTERVAL_MS, OutboxWriter } from './outbox.writer';
import { OutboxTopic, type NewOutboxEvent } from './outbox-topic';

describe('OutboxWriter', () => {
  beforeEach(() => jest.useFakeTimers({ now: 1_000_000 }));
  afterEach(() => jest.useRealTimers());

  const event: NewOutboxEvent = {
    topic: OutboxTopic.STOCK_CHANGED,
    aggregateKey: 'w/p',
    payload: {
      warehouseId: 'w',
      productId: 'p',
      sku: 'S',
      onHand: 1,
      reserved: 0,
      available: 1,
      availableBefore: 0,
      version: '1',
      sourceStoreId: null,
      storeDeltas: {},
    },
  };
  const recorder = (): { manager: EntityManager; sql: string[] } => {
    const sql: string[] = [];
    return { sql, manager: { query: (text: string) => Promise.resolve(sql.push(text)) } as unknown as EntityManager };
  };
  const notifies = (sql: string[]): number => sql.filter((s) => s.includes('pg_notify')).length;

  it('wakes the relay on the first append of a quiet spell, then at most once per interval', async () => {
    const writer = new OutboxWriter();
    const { manager, sql } = recorder();
    await writer.append(manager, [event]);
    await writer.append(manager, [event]);
    jest.setSystemTime(Date.now() + NOTIFY_INTERVAL_MS - 1);
    await writer.append(manager, [event]);
    expect(notifies(sql)).toBe(1);
    jest.setSystemTime(Date.now() + 1);
    await writer.append(manager, [event]);
    expect(notifies(sql)).toBe(2);
    // Every append wrote its events.
    expect(sql.filter((s) => s.includes('INSERT INTO outbox_event'))).toHaveLength(4);
  });

  it('appends from an insert with or without the notification, with parameters to match', async () => {
    const writer = new OutboxWriter();
    const calls: { text: string; params: unknown[] }[] = [];
    const runner = {
      query: (text: string, params: unknown[]) => Promise.resolve(calls.push({ text, params }) && []),
    } as unknown as EntityManager;
    const insert = `INSERT INTO t (a) VALUES ($1) RETURNING a, 'k' AS aggregate_key, '{}'::jsonb AS payload`;
    await writer.appendFromInsert(runner, OutboxTopic.WEBHOOK_RECEIVED, insert, ['x']);
    await writer.appendFromInsert(runner, OutboxTopic.WEBHOOK_RECEIVED, insert, ['y']);
    expect(calls[0]?.text).toContain('pg_notify($3');
    expect(calls[0]?.params).toEqual(['x', OutboxTopic.WEBHOOK_RECEIVED, 'gantry_outbox']);
    expect(calls[1]?.text).not.toContain('pg_notify');
    expect(calls[1]?.params).toEqual(['y', OutboxTopic.WEBHOOK_RECEIVED]);
  });
});
