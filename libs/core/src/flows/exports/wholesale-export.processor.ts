import { Process, Processor } from '@nestjs/bull';
import { Logger } from '@nestjs/common';
import type { Job } from 'bull';
import { QueueName } from '../../queue/queue-name.enum';
import { ExportRunService } from './export-run.service';
import type { WholesaleExportJob } from './wholesale-export.scheduler';

/** Runs one wholesale store's exports; stores in parallel (leases make overlap safe). */
@Processor(QueueName.WHOLESALE_EXPORT)
export class WholesaleExportProcessor {
  private readonly logger = new Logger(WholesaleExportProcessor.name);

  constructor(private readonly runs: ExportRunService) {}

  @Process({ name: 'export', concurrency: 4 })
  async export(job: Job<WholesaleExportJob>): Promise<void> {
    try {
      await this.runs.run(job.data.storeId);
    } catch (error) {
      this.logger.warn(`wholesale export of store ${job.data.storeId} stopped: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}
