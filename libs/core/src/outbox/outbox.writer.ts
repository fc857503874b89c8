import { Injectable } from '@nestjs/common';
import type { DataSource, EntityManager } from 'typeorm';
import type { NewOutboxEvent } from './outbox-topic';

export const OUTBOX_CHANNEL = 'gantry_outbox';

/**
 * A process wakes the relay at most this often. PostgreSQL serialises the commits of every transaction that notified
 * (one lock on the notification queue, held through the commit's WAL flush), so a notify per append capped a burst's
 * commit rate and stalled the other processes' commits behind it (the workers bench saw it as the top wait). A
 * commit that does not notify is seen by the relay's next round: it keeps draining while events come, and polls.
 */
export const NOTIFY_INTERVAL_MS = 100;

/**
 * Appends events inside the caller's transaction, so they commit or roll back with the change, and wakes the relay
 * (at most every NOTIFY_INTERVAL_MS per process).
 */
@Injectable()
export class OutboxWriter {
  private lastNotifyAt = -Infinity;

  async append(manager: EntityManager, events: NewOutboxEvent[]): Promise<void> {
    if (events.length === 0) {
      return;
    }
    await manager.query(
      `INSERT INTO outbox_event (topic, aggregate_key, payload)
       SELECT * FROM unnest($1::text[], $2::text[], $3::jsonb[])`,
      [events.map((e) => e.topic), events.map((e) => e.aggregateKey), events.map((e) => JSON.stringify(e.payload))],
    );
    if (this.notifyDue()) {
      // Delivered on commit only; Postgres folds repeats within one transaction into one.
      await manager.query(`SELECT pg_notify($1, '')`, [OUTBOX_CHANNEL]);
    }
  }

  /**
   * Runs a data-modifying statement and appends one event of `topic` per row it returns, in one statement: atomic
   * without a transaction, one round trip (a webhook's inbox row and its trigger at 1,000 deliveries a second).
   * `insert` must return `aggregate_key` (text) and `payload` (jsonb) columns besides what the caller wants back;
   * its parameters are $1…$n, and the topic and channel are passed after them.
   */
  async appendFromInsert<T extends object>(
    runner: DataSource | EntityManager,
    topic: NewOutboxEvent['topic'],
    insert: string,
    params: unknown[],
  ): Promise<T[]> {
    const topicParam = params.length + 1;
    const notify = this.notifyDue();
    return runner.query<T[]>(
      `WITH source AS (${insert}),
            events AS (INSERT INTO outbox_event (topic, aggregate_key, payload) SELECT $${topicParam}, aggregate_key, payload FROM source RETURNING 1)
       SELECT source.*${notify ? `, pg_notify($${topicParam + 1}, '') IS NULL AS notified` : ''} FROM source`,
      notify ? [...params, topic, OUTBOX_CHANNEL] : [...params, topic],
    );
  }

  // True when this process has not woken the relay within NOTIFY_INTERVAL_MS (the first append of a quiet spell always does).
  private notifyDue(): boolean {
    const now = Date.now();
    if (now - this.lastNotifyAt < NOTIFY_INTERVAL_MS) {
      return false;
    }
    this.lastNotifyAt = now;
    return true;
  }
}
