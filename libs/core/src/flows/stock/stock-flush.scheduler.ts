import { InjectQueue } from '@nestjs/bull';
import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { IntervalPoller } from '../../queue/interval-poller';
import { QueueName } from '../../queue/queue-name.enum';
import type { Queue } from 'bull';
import { DataSource } from 'typeorm';
import { StockFlushReadiness } from './stock-flush.readiness';

export interface StockFlushJob {
  storeId: string;
}

const POLL_MS = 250;
// A pending push older than this (and not put aside to wait) was cut off (crash, lost job): send it again under its key.
const ORPHANED_PUSH_SECONDS = 30;

/**
 * The durable trigger of stock pushes: PostgreSQL says which stores have due items, this poller turns that into
 * one flush job per store. The job id is the store, so a store waits in the queue at most once; an add dropped
 * while its job runs is harmless because the next poll adds it again. A flushed Redis delays pushes by one poll.
 */
@Injectable()
export class StockFlushScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(StockFlushScheduler.name);
  private readonly poller = new IntervalPoller('stock flush poll', this.logger);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectQueue(QueueName.STOCK_SYNC) private readonly queue: Queue<StockFlushJob>,
    private readonly readiness: StockFlushReadiness,
  ) {}

  onApplicationBootstrap(): void {
    this.poller.start(POLL_MS, () => this.poll());
  }

  onApplicationShutdown(): Promise<void> {
    return this.poller.stop();
  }

  /** Enqueues a flush for every store with a batch ready (or a push cut off); returns the stores. */
  async poll(): Promise<string[]> {
    await this.readiness.releaseOrderWaits();
    const orphaned = await this.dataSource.query<{ store_id: string }[]>(
      `SELECT DISTINCT p.store_id FROM stock_push p JOIN store s ON s.id = p.store_id
        WHERE p.status = 'pending'
          -- Put aside to wait out the channel: due when the wait is over. Otherwise cut off by a crash or a lost job.
          AND CASE WHEN p.not_before IS NULL THEN p.created_at < now() - make_interval(secs => $1) ELSE p.not_before <= now() END
          -- A paused store keeps its pending push for when it resumes (its lifecycle event brings it back).
          AND s.status = 'connected' AND (s.settings->'stockSync'->>'enabled')::boolean IS TRUE`,
      [ORPHANED_PUSH_SECONDS],
    );
    const stores = [...new Set([...(await this.readiness.readyStores()), ...orphaned.map((r) => r.store_id)])];
    await Promise.all(
      stores.map((storeId) =>
        this.queue.add('flush', { storeId }, { jobId: `stock-flush-${storeId}`, removeOnComplete: true, removeOnFail: true }),
      ),
    );
    return stores;
  }
}
