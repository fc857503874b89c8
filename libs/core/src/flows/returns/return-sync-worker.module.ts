import { Module } from '@nestjs/common';
import { ChannelsModule } from '../../channel/channels.module';
import { ReturnReceiptHandler } from './return-receipt.handler';
import { ReturnReconcileCronJob } from './return-reconcile.cron.job';
import { ScheduleClaimRepository } from '../../schedule/schedule-claim.repository';
import { ReturnSyncProcessor } from './return-sync.processor';
import { ReturnSyncScheduler } from './return-sync.scheduler';
import { ReturnSyncModule } from './return-sync.module';

/** The return engine's triggers: receipts in the warehouse, the due poller and processor, the reconciliation schedule. */
@Module({
  imports: [ChannelsModule, ReturnSyncModule],
  providers: [ReturnReceiptHandler, ReturnSyncScheduler, ReturnSyncProcessor, ReturnReconcileCronJob, ScheduleClaimRepository],
  exports: [ReturnSyncScheduler],
})
export class ReturnSyncWorkerModule {}
