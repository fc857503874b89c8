import { Injectable, Logger } from '@nestjs/common';
import { Cron } from '@nestjs/schedule';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { StockReconcileService } from './stock-reconcile.service';

/** Daily, in the quiet hours: every connected store with stock sync on is reconciled, one after another. */
@Injectable()
export class StockReconcileCronJob {
  private readonly logger = new Logger(StockReconcileCronJob.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly reconciler: StockReconcileService,
  ) {}

  @Cron('0 3 * * *', { name: 'stock-reconcile' })
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
