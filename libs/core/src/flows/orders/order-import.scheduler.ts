import { InjectQueue } from '@nestjs/bull';
import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Queue } from 'bull';
import { IntervalPoller } from '../../queue/interval-poller';
import { QueueName } from '../../queue/queue-name.enum';
import { ChannelOrderRepository } from './channel-order.repository';

export interface OrderImportJob {
  storeId: string;
}

const POLL_MS = 250;

/**
 * The durable trigger of order imports: PostgreSQL says which stores have orders due, this poller turns that into one
 * job per store (the job id is the store, so a store waits in the queue at most once; an add dropped while its job
 * runs is harmless because the next poll adds it again). A flushed Redis delays imports by one poll.
 */
@Injectable()
export class OrderImportScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OrderImportScheduler.name);
  private readonly poller = new IntervalPoller('order import poll', this.logger);

  constructor(
    private readonly orders: ChannelOrderRepository,
    @InjectQueue(QueueName.ORDER_IMPORT) private readonly queue: Queue<OrderImportJob>,
  ) {}

  onApplicationBootstrap(): void {
    this.poller.start(POLL_MS, () => this.poll());
  }

  onApplicationShutdown(): Promise<void> {
    return this.poller.stop();
  }

  async poll(): Promise<string[]> {
    const stores = await this.orders.dueStores();
    await Promise.all(
      stores.map((storeId) =>
        this.queue.add('import', { storeId }, { jobId: `order-import-${storeId}`, removeOnComplete: true, removeOnFail: true }),
      ),
    );
    return stores;
  }
}
