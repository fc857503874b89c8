import { Module } from '@nestjs/common';
import { ChannelsModule } from '../../channel/channels.module';
import { OrderImportModule } from './order-import.module';
import { OrderImportProcessor } from './order-import.processor';
import { OrderImportScheduler } from './order-import.scheduler';
import { OrderMappingsHandler } from './order-mappings.handler';
import { OrderReconcileCronJob } from './order-reconcile.cron.job';
import { ScheduleClaimRepository } from '../../schedule/schedule-claim.repository';

/** The order import engine's triggers (due poller, queue processor, mapping changes) and the reconciliation schedule. */
@Module({
  imports: [ChannelsModule, OrderImportModule],
  providers: [OrderImportScheduler, OrderImportProcessor, OrderMappingsHandler, OrderReconcileCronJob, ScheduleClaimRepository],
  exports: [OrderImportScheduler],
})
export class OrderImportWorkerModule {}
