import { Injectable, Logger } from '@nestjs/common';
import { Cron } from '@nestjs/schedule';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ScheduleClaimRepository } from '../../schedule/schedule-claim.repository';
import { sweepStores } from '../../schedule/store-sweep';
import { StockReconcileService } from './stock-reconcile.service';

const DAY_MS = 24 * 60 * 60_000;

/**
 * Daily, in the quiet hours: every connected store with stock sync on is reconciled, one after another, by one worker
 * (each worker fires at 03:00; the first to claim the day's run runs it).
 */
@Injectable()
export class StockReconcileCronJob {
  private readonly logger = new Logger(StockReconcileCronJob.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly reconciler: StockReconcileService,
    private readonly claims: ScheduleClaimRepository,
  ) {}

  @Cron('0 3 * * *', { name: 'stock-reconcile' })
  async scheduled(): Promise<void> {
    if (await this.claims.claim('stock-reconcile', DAY_MS)) {
      await this.run();
    }
  }

  async run(): Promise<void> {
    await sweepStores(this.dataSource, this.logger, 'stock reconcile', `(settings->'stockSync'->>'enabled')::boolean IS TRUE`, (storeId) =>
      this.reconciler.reconcile(storeId, 'schedule'),
    );
  }
}
