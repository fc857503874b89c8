import { InjectQueue } from '@nestjs/bull';
import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Queue } from 'bull';
import { IntervalPoller } from '../../queue/interval-poller';
import { QueueName } from '../../queue/queue-name.enum';
import { FulfillmentPushRepository } from './fulfillment-push.repository';

export interface FulfillmentPushJob {
  storeId: string;
}

const POLL_MS = 250;

/**
 * The durable trigger of fulfillment pushes: PostgreSQL says which stores have pushes due, this poller adds one job per
 * store (job id = store: a store waits in the queue at most once; an add dropped while its job runs is made again by
 * the next poll). A flushed Redis delays pushes by one poll.
 */
@Injectable()
export class FulfillmentPushScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(FulfillmentPushScheduler.name);
  private readonly poller = new IntervalPoller('fulfillment push poll', this.logger);

  constructor(
    private readonly pushes: FulfillmentPushRepository,
    @InjectQueue(QueueName.FULFILLMENT_PUSH) private readonly queue: Queue<FulfillmentPushJob>,
  ) {}

  onApplicationBootstrap(): void {
    this.poller.start(POLL_MS, () => this.poll());
  }

  onApplicationShutdown(): Promise<void> {
    return this.poller.stop();
  }

  async poll(): Promise<string[]> {
    const stores = await this.pushes.dueStores();
    await Promise.all(
      stores.map((storeId) =>
        this.queue.add('push', { storeId }, { jobId: `fulfillment-push-${storeId}`, removeOnComplete: true, removeOnFail: true }),
      ),
    );
    return stores;
  }
}
