import { Module } from '@nestjs/common';
import { ChannelsModule } from '../../channel/channels.module';
import { FulfillmentIntakeHandler } from './fulfillment-intake.handler';
import { FulfillmentPushProcessor } from './fulfillment-push.processor';
import { FulfillmentPushScheduler } from './fulfillment-push.scheduler';
import { FulfillmentModule } from './fulfillment.module';

/** The fulfillment engine's triggers: shipment events become pushes, the due poller and the queue processor push them. */
@Module({
  imports: [ChannelsModule, FulfillmentModule],
  providers: [FulfillmentIntakeHandler, FulfillmentPushScheduler, FulfillmentPushProcessor],
  exports: [FulfillmentPushScheduler],
})
export class FulfillmentWorkerModule {}
