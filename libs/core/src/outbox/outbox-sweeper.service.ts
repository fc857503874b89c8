import { Injectable, Logger } from '@nestjs/common';
import { Interval } from '@nestjs/schedule';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/**
 * Re-drives events that were relayed but never handled (Redis flushed, worker killed, handler failed),
 * with backoff by attempts, and prunes handled events after a week.
 */
@Injectable()
export class OutboxSweeperService {
  private readonly logger = new Logger(OutboxSweeperService.name);

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  @Interval('outbox-sweeper', 15_000)
  async tick(): Promise<void> {
    try {
      await this.sweep();
      await this.prune();
    } catch (error) {
      this.logger.warn(`sweep failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  /** Marks stuck events pending again; returns how many. `graceSeconds` is how long a relayed event may wait. */
  async sweep(graceSeconds = 30): Promise<number> {
    const rows: unknown[] = await this.dataSource.query(
      `UPDATE outbox_event SET relayed_at = NULL
        WHERE handled_at IS NULL AND relayed_at IS NOT NULL
          AND relayed_at < now() - make_interval(secs => $1 + least(power(2, attempts), 3600))
        RETURNING id`,
      [graceSeconds],
    );
    const [, count] = rows as [unknown, number];
    if (count > 0) {
      this.logger.log(`re-driving ${count} outbox events`);
    }
    return count;
  }

  async prune(): Promise<void> {
    await this.dataSource.query(
      `DELETE FROM outbox_event WHERE id IN (
         SELECT id FROM outbox_event WHERE handled_at < now() - interval '7 days' LIMIT 10000)`,
    );
  }
}
