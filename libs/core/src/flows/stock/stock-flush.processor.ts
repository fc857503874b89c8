import { InjectQueue, Process, Processor } from '@nestjs/bull';
import { Logger } from '@nestjs/common';
import { QueueName } from '../../queue/queue-name.enum';
import type { Job, Queue } from 'bull';
import type { StockFlushJob } from './stock-flush.scheduler';
import { StockPushService } from './stock-push.service';

/**
 * Runs one store's flush; stores flush in parallel, a store normally once at a time (the job id is the store; after a
 * Redis wipe two may overlap, which the claim's row locks and the pushes' keys make harmless). Fair between stores: a
 * flush hands its slot over after a slice of work when other stores are queued, and never sleeps long on one store's
 * throttling (see STOCK_PUSH_PACING).
 */
@Processor(QueueName.STOCK_SYNC)
export class StockFlushProcessor {
  private readonly logger = new Logger(StockFlushProcessor.name);

  constructor(
    private readonly pushes: StockPushService,
    @InjectQueue(QueueName.STOCK_SYNC) private readonly queue: Queue<StockFlushJob>,
  ) {}

  @Process({ name: 'flush', concurrency: 8 })
  async flush(job: Job<StockFlushJob>): Promise<void> {
    try {
      await this.pushes.flush(job.data.storeId, { othersWaiting: () => this.othersWaiting() });
    } catch (error) {
      // Already recorded on the push and its items; the scheduler brings the store back when it is due.
      this.logger.warn(`stock flush of store ${job.data.storeId} stopped: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  private async othersWaiting(): Promise<boolean> {
    // Redis unreachable: nobody can be seen waiting, and the flush goes on (it needs only PostgreSQL).
    return (await this.queue.getWaitingCount().catch(() => 0)) > 0;
  }
}
