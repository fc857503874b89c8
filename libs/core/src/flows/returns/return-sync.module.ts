import { Module } from '@nestjs/common';
import { ChannelsModule } from '../../channel/channels.module';
import { OrderImportModule } from '../orders/order-import.module';
import { ChannelReturnRepository } from './channel-return.repository';
import { ReturnApplyService } from './return-apply.service';
import { ReturnIntakeService } from './return-intake.service';
import { ReturnReconcileService } from './return-reconcile.service';
import { ReturnSyncController } from './return-sync.controller';
import { ReturnSyncService } from './return-sync.service';

/** Returns, the part every role needs: intake (webhooks), listing, reconcile, retry. The worker adds the triggers. */
@Module({
  imports: [ChannelsModule, OrderImportModule],
  controllers: [ReturnSyncController],
  providers: [ChannelReturnRepository, ReturnApplyService, ReturnSyncService, ReturnReconcileService, ReturnIntakeService],
  exports: [ReturnIntakeService, ReturnSyncService, ReturnReconcileService, ChannelReturnRepository],
})
export class ReturnSyncModule {}
