import { Process, Processor } from '@nestjs/bull';
import { Logger } from '@nestjs/common';
import type { Job } from 'bull';
import { QueueName } from '../../queue/queue-name.enum';
import type { OrderImportJob } from './order-import.scheduler';
import { OrderImportService } from './order-import.service';

/** Imports one store's due orders; stores in parallel, a store normally once at a time (row leases make overlap safe). */
@Processor(QueueName.ORDER_IMPORT)
export class OrderImportProcessor {
  private readonly logger = new Logger(OrderImportProcessor.name);

  constructor(private readonly imports: OrderImportService) {}

  @Process({ name: 'import', concurrency: 8 })
  async import(job: Job<OrderImportJob>): Promise<void> {
    try {
      await this.imports.importDue(job.data.storeId);
    } catch (error) {
      // What was claimed comes back when its lease ends; the scheduler brings the store back.
      this.logger.warn(`order import of store ${job.data.storeId} stopped: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}
