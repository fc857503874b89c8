import { InjectQueue } from '@nestjs/bull';
import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Queue } from 'bull';
import { ChannelRegistry } from '../../channel/channel.registry';
import { IntervalPoller } from '../../queue/interval-poller';
import { QueueName } from '../../queue/queue-name.enum';
import { asWholesaleSource } from './export-channel.directory';
import { WholesaleExportScheduleRepository } from './wholesale-export-schedule.repository';

export interface WholesaleExportJob {
  storeId: string;
}

const POLL_MS = 500;
// New wholesale stores get their schedule within this.
const ENSURE_EVERY_MS = 10_000;

/**
 * The durable trigger of wholesale exports: PostgreSQL says which stores have a run or an export due; one job per store
 * (job id = store, removed on completion, so the next poll can add it again: research §1.2).
 */
@Injectable()
export class WholesaleExportScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(WholesaleExportScheduler.name);
  private readonly poller = new IntervalPoller('wholesale export poll', this.logger);
  private ensuredAt = 0;

  constructor(
    private readonly schedule: WholesaleExportScheduleRepository,
    private readonly registry: ChannelRegistry,
    @InjectQueue(QueueName.WHOLESALE_EXPORT) private readonly queue: Queue<WholesaleExportJob>,
  ) {}

  onApplicationBootstrap(): void {
    this.poller.start(POLL_MS, () => this.poll());
  }

  onApplicationShutdown(): Promise<void> {
    return this.poller.stop();
  }

  async poll(): Promise<string[]> {
    if (Date.now() - this.ensuredAt >= ENSURE_EVERY_MS) {
      const sources = this.registry
        .list()
        .filter((a) => asWholesaleSource(a))
        .map((a) => a.key);
      await this.schedule.ensure(sources);
      this.ensuredAt = Date.now();
    }
    const stores = await this.schedule.dueStores();
    await Promise.all(
      stores.map((storeId) =>
        this.queue.add('export', { storeId }, { jobId: `wholesale-export-${storeId}`, removeOnComplete: true, removeOnFail: true }),
      ),
    );
    return stores;
  }
}
