import { Process, Processor } from '@nestjs/bull';
import { Logger } from '@nestjs/common';
import type { Job } from 'bull';
import { QueueName } from '../../queue/queue-name.enum';
import type { ReturnSyncJob } from './return-sync.scheduler';
import { ReturnSyncService } from './return-sync.service';

/** Syncs one store's due returns; stores in parallel (row leases make overlap safe). */
@Processor(QueueName.RETURN_SYNC)
export class ReturnSyncProcessor {
  private readonly logger = new Logger(ReturnSyncProcessor.name);

  constructor(private readonly returns: ReturnSyncService) {}

  @Process({ name: 'sync', concurrency: 4 })
  async sync(job: Job<ReturnSyncJob>): Promise<void> {
    try {
      await this.returns.syncDue(job.data.storeId);
    } catch (error) {
      this.logger.warn(`return sync of store ${job.data.storeId} stopped: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}
