import { InjectQueue } from '@nestjs/bull';
import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Queue } from 'bull';
import { IntervalPoller } from '../../queue/interval-poller';
import { QueueName } from '../../queue/queue-name.enum';
import { ChannelReturnRepository } from './channel-return.repository';

export interface ReturnSyncJob {
  storeId: string;
}

const POLL_MS = 500;

/** The durable trigger of return syncs: PostgreSQL says which stores have returns due; one job per store (job id = store). */
@Injectable()
export class ReturnSyncScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ReturnSyncScheduler.name);
  private readonly poller = new IntervalPoller('return sync poll', this.logger);

  constructor(
    private readonly returns: ChannelReturnRepository,
    @InjectQueue(QueueName.RETURN_SYNC) private readonly queue: Queue<ReturnSyncJob>,
  ) {}

  onApplicationBootstrap(): void {
    this.poller.start(POLL_MS, () => this.poll());
  }

  onApplicationShutdown(): Promise<void> {
    return this.poller.stop();
  }

  async poll(): Promise<string[]> {
    const stores = await this.returns.dueStores();
    await Promise.all(
      stores.map((storeId) =>
        this.queue.add('sync', { storeId }, { jobId: `return-sync-${storeId}`, removeOnComplete: true, removeOnFail: true }),
      ),
    );
    return stores;
  }
}
