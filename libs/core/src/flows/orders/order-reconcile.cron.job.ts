import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppConfig } from '../../config/app-config';
import { IntervalPoller } from '../../queue/interval-poller';
import { ScheduleClaimRepository } from '../../schedule/schedule-claim.repository';
import { sweepStores } from '../../schedule/store-sweep';
import { OrderReconcileService } from './order-reconcile.service';

/**
 * Every ORDER_RECONCILE_MINUTES: each connected store with an order source is reconciled, one after another, so
 * what webhooks missed (Shopify drops deliveries after failures) is imported within that time. Every worker ticks; the
 * period's slot goes to the first, so N workers reconcile once per period, not N times.
 */
@Injectable()
export class OrderReconcileCronJob implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OrderReconcileCronJob.name);
  private readonly poller = new IntervalPoller('order reconciliation', this.logger);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly reconciler: OrderReconcileService,
    private readonly config: AppConfig,
    private readonly claims: ScheduleClaimRepository,
  ) {}

  onApplicationBootstrap(): void {
    const minutes = this.config.ORDER_RECONCILE_MINUTES;
    if (minutes > 0) {
      this.poller.start(minutes * 60_000, async () => {
        if (await this.claims.claim('order-reconcile', minutes * 60_000)) {
          await this.run();
        }
      });
    }
  }

  onApplicationShutdown(): Promise<void> {
    return this.poller.stop();
  }

  async run(): Promise<void> {
    // Stores whose orders flow: with order filters in their settings (their channel has orders).
    await sweepStores(this.dataSource, this.logger, 'order reconciliation', `settings ? 'orderFilters'`, (storeId) =>
      this.reconciler.reconcile(storeId, 'schedule'),
    );
  }
}
