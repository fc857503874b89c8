import { Injectable } from '@nestjs/common';
import type { DataSource, EntityManager } from 'typeorm';
import type { NewOutboxEvent } from './outbox-topic';

export const OUTBOX_CHANNEL = 'gantry_outbox';

/** Appends events inside the caller's transaction, so they commit or roll back with the change. */
@Injectable()
export class OutboxWriter {
  async append(manager: EntityManager, events: NewOutboxEvent[]): Promise<void> {
    if (events.length === 0) {
      return;
    }
    await manager.query(
      `INSERT INTO outbox_event (topic, aggregate_key, payload)
       SELECT * FROM unnest($1::text[], $2::text[], $3::jsonb[])`,
      [events.map((e) => e.topic), events.map((e) => e.aggregateKey), events.map((e) => JSON.stringify(e.payload))],
    );
    // Delivered on commit only; Postgres folds repeats within one transaction into one.
    await manager.query(`SELECT pg_notify($1, '')`, [OUTBOX_CHANNEL]);
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
    return runner.query<T[]>(
      `WITH source AS (${insert}),
            events AS (INSERT INTO outbox_event (topic, aggregate_key, payload) SELECT $${topicParam}, aggregate_key, payload FROM source RETURNING 1)
       SELECT source.*, pg_notify($${topicParam + 1}, '') IS NULL AS notified FROM source`,
      [...params, topic, OUTBOX_CHANNEL],
    );
  }
}
