import { Process, Processor } from '@nestjs/bull';
import { Logger } from '@nestjs/common';
import { QueueName } from '../../queue/queue-name.enum';
import type { Job } from 'bull';
import type { StockFlushJob } from './stock-flush.scheduler';
import { StockPushService } from './stock-push.service';

/**
 * Runs one store's flush; stores flush in parallel, a store normally once at a time (the job id is the store; after a
 * Redis wipe two may overlap, which the claim's row locks and the pushes' keys make harmless).
 */
@Processor(QueueName.STOCK_SYNC)
export class StockFlushProcessor {
  private readonly logger = new Logger(StockFlushProcessor.name);

  constructor(private readonly pushes: StockPushService) {}

  @Process({ name: 'flush', concurrency: 8 })
  async flush(job: Job<StockFlushJob>): Promise<void> {
    try {
      await this.pushes.flush(job.data.storeId);
    } catch (error) {
      // Already recorded on the push and its items; the scheduler brings the store back when it is due.
      this.logger.warn(`stock flush of store ${job.data.storeId} stopped: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}
