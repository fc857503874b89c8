import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
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
}
