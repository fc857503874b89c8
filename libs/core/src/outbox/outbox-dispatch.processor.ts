import { Process, Processor } from '@nestjs/bull';
import { Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Job } from 'bull';
import { DataSource, type EntityManager } from 'typeorm';
import { QueueName } from '../queue/queue-name.enum';
import { OutboxEvent } from './outbox-event.entity';
import { OutboxHandlerRegistry } from './outbox-handler.registry';

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
    try {
      await this.dataSource.transaction((manager) => this.handleBatch(manager, job.data.ids));
    } catch (error) {
      // One bad event must not hold back the rest: retry one by one and record failures.
      this.logger.warn(`batch of ${job.data.ids.length} failed, retrying per event: ${String(error)}`);
      for (const id of job.data.ids) {
        await this.handleOne(id);
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
    // SKIP LOCKED: a duplicate job for the same events (relay retry, sweeper) skips what another worker holds.
    const events = await manager
      .getRepository(OutboxEvent)
      .createQueryBuilder('e')
      .where('e.id IN (:...ids)', { ids })
      .andWhere('e.handled_at IS NULL')
      .orderBy('e.id')
      .setLock('pessimistic_write')
      .setOnLocked('skip_locked')
      .getMany();
    if (events.length === 0) {
      return;
    }
    const byTopic = new Map<string, OutboxEvent[]>();
    for (const event of events) {
      byTopic.set(event.topic, [...(byTopic.get(event.topic) ?? []), event]);
    }
    for (const [topic, list] of byTopic) {
      for (const handler of this.registry.handlersFor(topic)) {
        await handler.handle(list, manager);
      }
    }
    await manager.query(`UPDATE outbox_event SET handled_at = now() WHERE id = ANY($1::bigint[])`, [events.map((e) => e.id)]);
  }
}
