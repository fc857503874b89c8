import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppConfig } from '../../config/app-config';
import { OrderReconcileService } from './order-reconcile.service';

/**
 * Every ORDER_RECONCILE_MINUTES: each connected store with an order source is reconciled, one after another, so
 * what webhooks missed (Shopify drops deliveries after failures) is imported within that time.
 */
@Injectable()
export class OrderReconcileCronJob implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OrderReconcileCronJob.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly reconciler: OrderReconcileService,
    private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    const minutes = this.config.ORDER_RECONCILE_MINUTES;
    if (minutes > 0) {
      this.timer = setInterval(() => {
        this.running ??= this.run().finally(() => {
          this.running = undefined;
        });
      }, minutes * 60_000);
    }
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  async run(): Promise<void> {
    // Stores whose orders flow: connected, with order filters in their settings (their channel has orders).
    const stores = await this.dataSource.query<{ id: string; name: string }[]>(
      `SELECT id, name FROM store WHERE status = 'connected' AND settings ? 'orderFilters' ORDER BY created_at`,
    );
    for (const store of stores) {
      try {
        await this.reconciler.reconcile(store.id, 'schedule');
      } catch (error) {
        this.logger.warn(`order reconciliation of ${store.name} failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }
}
