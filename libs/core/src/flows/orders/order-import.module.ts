import { Module } from '@nestjs/common';
import { ChannelsModule } from '../../channel/channels.module';
import { ChannelOrderRepository } from './channel-order.repository';
import { OrderApplyService } from './order-apply.service';
import { OrderImportController } from './order-import.controller';
import { OrderImportMetrics } from './order-import.metrics';
import { OrderImportService } from './order-import.service';
import { OrderIntakeService } from './order-intake.service';
import { OrderPreviewService } from './order-preview.service';
import { OrderReconcileService } from './order-reconcile.service';
import { OrderRetryController } from './order-retry.controller';

/** Orders in, the part every role needs: intake (webhooks), reconcile, preview, retry. The worker adds the schedules. */
@Module({
  imports: [ChannelsModule],
  controllers: [OrderImportController, OrderRetryController],
  providers: [
    ChannelOrderRepository,
    OrderApplyService,
    OrderImportService,
    OrderImportMetrics,
    OrderIntakeService,
    OrderPreviewService,
    OrderReconcileService,
  ],
  exports: [OrderIntakeService, OrderImportService, OrderReconcileService, ChannelOrderRepository],
})
export class OrderImportModule {}
