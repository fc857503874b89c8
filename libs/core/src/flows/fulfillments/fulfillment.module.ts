import { Module } from '@nestjs/common';
import { ChannelsModule } from '../../channel/channels.module';
import { FulfillmentIntakeService } from './fulfillment-intake.service';
import { FulfillmentPushController } from './fulfillment-push.controller';
import { FulfillmentPushRepository } from './fulfillment-push.repository';
import { FulfillmentPushService } from './fulfillment-push.service';
import { FulfillmentSendService } from './fulfillment-send.service';

/** Fulfillments out, the part every role needs: the pushes' state, their listing and retry. The worker adds the triggers. */
@Module({
  imports: [ChannelsModule],
  controllers: [FulfillmentPushController],
  providers: [FulfillmentPushRepository, FulfillmentPushService, FulfillmentSendService, FulfillmentIntakeService],
  exports: [FulfillmentPushRepository, FulfillmentPushService, FulfillmentIntakeService],
})
export class FulfillmentModule {}
