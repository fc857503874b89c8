import { Module } from '@nestjs/common';
import { ChannelsModule } from '../../channel/channels.module';
import { StockChangeHandler } from './stock-change.handler';
import { StockFlushProcessor } from './stock-flush.processor';
import { StockFlushReadiness } from './stock-flush.readiness';
import { StockFlushScheduler } from './stock-flush.scheduler';
import { StockLifecycleHandler } from './stock-lifecycle.handler';
import { StockPushRunRecorder } from './stock-push-run.recorder';
import { StockPushRepository } from './stock-push.repository';
import { StockPushCaller } from './stock-push.caller';
import { StockPushService } from './stock-push.service';
import { StockReconcileCronJob } from './stock-reconcile.cron.job';
import { StockSyncModule } from './stock-sync.module';
import { ScheduleClaimRepository } from '../../schedule/schedule-claim.repository';

/** The stock push engine (trigger, claim, send, settle) and its schedules; loaded by the worker role only. */
@Module({
  imports: [ChannelsModule, StockSyncModule],
  providers: [
    StockChangeHandler,
    StockLifecycleHandler,
    StockFlushReadiness,
    StockPushRepository,
    StockPushRunRecorder,
    StockPushService,
    StockPushCaller,
    StockFlushScheduler,
    StockFlushProcessor,
    StockReconcileCronJob,
    ScheduleClaimRepository,
  ],
  exports: [StockPushService, StockFlushScheduler],
})
export class StockSyncWorkerModule {}
