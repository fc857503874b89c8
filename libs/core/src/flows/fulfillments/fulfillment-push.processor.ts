import { Process, Processor } from '@nestjs/bull';
import { Logger } from '@nestjs/common';
import type { Job } from 'bull';
import { QueueName } from '../../queue/queue-name.enum';
import type { FulfillmentPushJob } from './fulfillment-push.scheduler';
import { FulfillmentPushService } from './fulfillment-push.service';

/** Pushes one store's due shipments; stores in parallel (leases and one-push-per-order claims make overlap safe). */
@Processor(QueueName.FULFILLMENT_PUSH)
export class FulfillmentPushProcessor {
  private readonly logger = new Logger(FulfillmentPushProcessor.name);

  constructor(private readonly pushes: FulfillmentPushService) {}

  @Process({ name: 'push', concurrency: 8 })
  async push(job: Job<FulfillmentPushJob>): Promise<void> {
    try {
      await this.pushes.pushDue(job.data.storeId);
    } catch (error) {
      // What was claimed comes back when its lease ends (reading the channel first if it was sending).
      this.logger.warn(`fulfillment push of store ${job.data.storeId} stopped: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}
