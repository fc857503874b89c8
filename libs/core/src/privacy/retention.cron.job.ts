import { Injectable, Logger } from '@nestjs/common';
import { Cron } from '@nestjs/schedule';
import { RetentionService } from './retention.service';

/** Hourly (at :17, off the top of the hour): raw details past RETENTION_DAYS are pruned in small batches. */
@Injectable()
export class RetentionCronJob {
  private readonly logger = new Logger(RetentionCronJob.name);

  constructor(private readonly retention: RetentionService) {}

  @Cron('17 * * * *', { name: 'retention' })
  async run(): Promise<void> {
    try {
      await this.retention.prune();
    } catch (error) {
      // The next hour tries again; nothing is half done (each batch is one statement).
      this.logger.warn(`retention run failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}
