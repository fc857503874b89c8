import { setTimeout as sleep } from 'node:timers/promises';
import { Process, Processor } from '@nestjs/bull';
import { Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Job } from 'bull';
import { DataSource, type EntityManager } from 'typeorm';
import { isConcurrencyConflict } from '../database/pg-error.util';
import { QueueName } from '../queue/queue-name.enum';
import { OutboxEvent } from './outbox-event.entity';
import { OutboxHandlerRegistry } from './outbox-handler.registry';

// A batch that met a deadlock or a serialization failure is tried whole this many times before one by one.
const BATCH_CONFLICT_ATTEMPTS = 4;

export interface OutboxDispatchJob {
  ids: string[];
}

/** Hands relayed events to their handlers and marks them handled in the same transaction. */
@Processor(QueueName.OUTBOX)
export class OutboxDispatchProcessor {
  private readonly logger = new Logger(OutboxDispatchProcessor.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly registry: OutboxHandlerRegistry,
  ) {}

  @Process({ name: 'dispatch', concurrency: 4 })
  async dispatch(job: Job<OutboxDispatchJob>): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        await this.dataSource.transaction((manager) => this.handleBatch(manager, job.data.ids));
        return;
      } catch (error) {
        // A deadlock or serialization failure says nothing about the events: the batch goes again whole (one by one,
        // 500 events would take 500 transactions and hold up every store's changes behind them).
        if (isConcurrencyConflict(error) && attempt < BATCH_CONFLICT_ATTEMPTS) {
          await sleep(20 + Math.random() * 80 * attempt);
          continue;
        }
        // One bad event must not hold back the rest: retry one by one and record failures.
        this.logger.warn(`batch of ${job.data.ids.length} failed, retrying per event: ${String(error)}`);
        for (const id of job.data.ids) {
          await this.handleOne(id);
        }
        return;
      }
    }
  }

  private async handleOne(id: string): Promise<void> {
    try {
      await this.dataSource.transaction((manager) => this.handleBatch(manager, [id]));
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.logger.error(`outbox event ${id} failed: ${message}`);
      await this.dataSource.query(`UPDATE outbox_event SET attempts = attempts + 1, last_error = $2 WHERE id = $1`, [
        id,
        message.slice(0, 2000),
      ]);
    }
  }

  private async handleBatch(manager: EntityManager, ids: string[]): Promise<void> {
    // Claims and marks the events in one statement, so the handlers' row locks are the transaction's last work and are
    // held the least time (a burst's handlers wait on each other's rows). A handler that fails rolls the mark back.
    // No SKIP LOCKED: a row can be locked by someone who will not handle it. Another process's relay round locks the
    // rows it reads as pending, and keeps the lock on those a concurrent relay just claimed (they fail its recheck)
    // until its commit; a dispatcher that skipped them finished without them, and they waited for the sweeper (30-45 s;
    // the workers bench saw it with 3 workers only). Waiting costs little: a relay round commits within milliseconds,
    // and a duplicate job (relay retry, sweeper) waits for the other dispatcher's commit, then finds its events
    // handled. Locking in id order keeps dispatchers from deadlocking on each other.
    const [rows] = await manager.query<[RawOutboxEvent[], number]>(
      `UPDATE outbox_event SET handled_at = now()
        WHERE id IN (SELECT id FROM outbox_event WHERE id = ANY($1::bigint[]) AND handled_at IS NULL ORDER BY id FOR UPDATE)
        RETURNING id, topic, aggregate_key, payload, created_at, relayed_at, handled_at, attempts, last_error`,
      [ids],
    );
    if (rows.length === 0) {
      return;
    }
    const byTopic = new Map<string, OutboxEvent[]>();
    for (const event of rows.map(toEntity).sort((a, b) => (BigInt(a.id) < BigInt(b.id) ? -1 : 1))) {
      byTopic.set(event.topic, [...(byTopic.get(event.topic) ?? []), event]);
    }
    for (const [topic, list] of byTopic) {
      for (const handler of this.registry.handlersFor(topic)) {
        await handler.handle(list, manager);
      }
    }
  }
}

interface RawOutboxEvent {
  id: string;
  topic: string;
  aggregate_key: string;
  payload: Record<string, unknown>;
  created_at: Date;
  relayed_at: Date | null;
  handled_at: Date | null;
  attempts: number;
  last_error: string | null;
}

function toEntity(row: RawOutboxEvent): OutboxEvent {
  return Object.assign(new OutboxEvent(), {
    id: row.id,
    topic: row.topic,
    aggregateKey: row.aggregate_key,
    payload: row.payload,
    createdAt: row.created_at,
    relayedAt: row.relayed_at,
    handledAt: row.handled_at,
    attempts: row.attempts,
    lastError: row.last_error,
  });
}
