import { Module } from '@nestjs/common';
import { ChannelsModule } from '../../channel/channels.module';
import { StockChannelEditService } from './stock-channel-edit.service';
import { StockPairRepository } from './stock-pair.repository';
import { StockReconcileController } from './stock-reconcile.controller';
import { StockReconcileService } from './stock-reconcile.service';
import { StockSinkDirectory } from './stock-sink.directory';
import { StockSyncMetrics } from './stock-sync.metrics';

/** The stock flow, the part every role needs: reconcile, channel edits, metrics. The worker adds the push engine. */
@Module({
  imports: [ChannelsModule],
  controllers: [StockReconcileController],
  providers: [StockSinkDirectory, StockPairRepository, StockReconcileService, StockChannelEditService, StockSyncMetrics],
  exports: [StockSinkDirectory, StockPairRepository, StockReconcileService, StockChannelEditService],
})
export class StockSyncModule {}
