import { InjectQueue } from '@nestjs/bull';
import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Queue } from 'bull';
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
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;

  constructor(
    private readonly orders: ChannelOrderRepository,
    @InjectQueue(QueueName.ORDER_IMPORT) private readonly queue: Queue<OrderImportJob>,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      this.running ??= this.poll()
        .then(() => undefined)
        .catch((error: unknown) => this.logger.warn(`order import poll failed: ${error instanceof Error ? error.message : String(error)}`))
        .finally(() => {
          this.running = undefined;
        });
    }, POLL_MS);
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
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
