import { Module } from '@nestjs/common';
import { ChannelsModule } from '../../channel/channels.module';
import { StockChannelEditService } from './stock-channel-edit.service';
import { StockPairRepository } from './stock-pair.repository';
import { StockReconcileController } from './stock-reconcile.controller';
import { StockReconcileService } from './stock-reconcile.service';
import { StockSinkDirectory } from './stock-sink.directory';
import { StockSyncHealthController } from './stock-sync-health.controller';
import { StockSyncHealthService } from './stock-sync-health.service';
import { StockSyncMetrics } from './stock-sync.metrics';

/** The stock flow, the part every role needs: reconcile, channel edits, metrics, health. The worker adds the push engine. */
@Module({
  imports: [ChannelsModule],
  controllers: [StockReconcileController, StockSyncHealthController],
  providers: [
    StockSinkDirectory,
    StockPairRepository,
    StockReconcileService,
    StockChannelEditService,
    StockSyncMetrics,
    StockSyncHealthService,
  ],
  exports: [StockSinkDirectory, StockPairRepository, StockReconcileService, StockChannelEditService],
})
export class StockSyncModule {}
