import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppConfig } from '../../config/app-config';
import { IntervalPoller } from '../../queue/interval-poller';
import { ScheduleClaimRepository } from '../../schedule/schedule-claim.repository';
import { sweepStores } from '../../schedule/store-sweep';
import { ReturnReconcileService } from './return-reconcile.service';

/**
 * Every ORDER_RECONCILE_MINUTES: each connected store with return sync on reads the returns its webhooks may have missed.
 * Every worker ticks; the period's slot goes to the first.
 */
@Injectable()
export class ReturnReconcileCronJob implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ReturnReconcileCronJob.name);
  private readonly poller = new IntervalPoller('return reconciliation', this.logger);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly reconciler: ReturnReconcileService,
    private readonly config: AppConfig,
    private readonly claims: ScheduleClaimRepository,
  ) {}

  onApplicationBootstrap(): void {
    const minutes = this.config.ORDER_RECONCILE_MINUTES;
    if (minutes > 0) {
      this.poller.start(minutes * 60_000, async () => {
        if (await this.claims.claim('return-reconcile', minutes * 60_000)) {
          await this.run();
        }
      });
    }
  }

  onApplicationShutdown(): Promise<void> {
    return this.poller.stop();
  }

  async run(): Promise<void> {
    await sweepStores(
      this.dataSource,
      this.logger,
      'return reconciliation',
      `(settings->'returns'->>'enabled')::boolean IS TRUE`,
      (storeId) => this.reconciler.reconcile(storeId, 'schedule'),
    );
  }
}
