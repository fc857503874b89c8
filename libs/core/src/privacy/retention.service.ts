import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { PersonalDataRegistry } from './personal-data.registry';

/** Rows per statement: each batch is its own short statement, so pruning never holds locks for long. */
const BATCH = 1_000;

/**
 * Prunes raw details older than RETENTION_DAYS: each holder removes its own (sync-run items, raw webhook bodies),
 * batch after batch until none is left. Delivery keys stay, so a redelivered webhook is still a duplicate.
 */
@Injectable()
export class RetentionService {
  private readonly logger = new Logger(RetentionService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly registry: PersonalDataRegistry,
    private readonly config: AppConfig,
  ) {}

  /** What each holder pruned. `now` is for tests; the schedule passes nothing. */
  async prune(now: Date = new Date()): Promise<Record<string, number>> {
    const before = new Date(now.getTime() - this.config.RETENTION_DAYS * 86_400_000);
    const pruned: Record<string, number> = {};
    for (const holder of this.registry.holders()) {
      if (!holder.pruneBefore) {
        continue;
      }
      let total = 0;
      for (;;) {
        const n = await holder.pruneBefore(before, BATCH, this.dataSource);
        total += n;
        if (n < BATCH) {
          break;
        }
      }
      pruned[holder.personalDataKey] = total;
    }
    if (Object.values(pruned).some((n) => n > 0)) {
      this.logger.log({ before: before.toISOString(), pruned }, 'retention: pruned raw details');
    }
    return pruned;
  }
}
