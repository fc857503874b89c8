import { Injectable, Logger } from '@nestjs/common';
import { Cron } from '@nestjs/schedule';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ScheduleClaimRepository } from '../../schedule/schedule-claim.repository';
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
    const stores = await this.dataSource.query<{ id: string; name: string }[]>(
      `SELECT id, name FROM store WHERE status = 'connected' AND (settings->'stockSync'->>'enabled')::boolean IS TRUE ORDER BY created_at`,
    );
    for (const store of stores) {
      try {
        await this.reconciler.reconcile(store.id, 'schedule');
      } catch (error) {
        // Recorded on the store's sync run; the other stores still get theirs.
        this.logger.warn(`stock reconcile of ${store.name} failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }
}
