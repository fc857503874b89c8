import { ApiProperty } from '@nestjs/swagger';
import { FULFILLMENT_PUSH_STATES } from './fulfillment-push-query.dto';
import { FulfillmentPushLineResponse } from './fulfillment-push-line.response';
import { FulfillmentTrackingResponse } from './fulfillment-tracking.response';
import { MadeFulfillmentResponse } from './made-fulfillment.response';

/** One shipment's push to its channel: state, reason, and the fulfillments made. */
export class FulfillmentPushResponse {
  @ApiProperty({ format: 'uuid', example: '9c0d1e2f-3a4b-4c5d-8e6f-7a8b9c0d1e2f' })
  id!: string;

  @ApiProperty({ format: 'uuid', example: '7a6b5c4d-3e2f-4a1b-9c8d-7e6f5a4b3c2d' })
  storeId!: string;

  @ApiProperty({ format: 'uuid', example: '2a3b4c5d-6e7f-4a8b-9c0d-1e2f3a4b5c6d' })
  shipmentId!: string;

  @ApiProperty({ format: 'uuid', example: '1f2e3d4c-5b6a-4798-8a9b-0c1d2e3f4a5b' })
  warehouseOrderId!: string;

  @ApiProperty({ description: "The channel's id of the order", example: 'gid://shopify/Order/5001' })
  orderExternalId!: string;

  @ApiProperty({ type: [FulfillmentPushLineResponse] })
  lines!: FulfillmentPushLineResponse[];

  @ApiProperty({ type: FulfillmentTrackingResponse })
  tracking!: FulfillmentTrackingResponse;

  @ApiProperty({
    enum: FULFILLMENT_PUSH_STATES,
    description: 'pending: on its way; pushed: on the channel; held: waiting on the channel (see reason); skipped: nothing to push; failed',
    example: 'pushed',
  })
  state!: (typeof FULFILLMENT_PUSH_STATES)[number];

  @ApiProperty({ type: String, nullable: true, description: 'Why it is held, skipped or failed', example: null })
  reason!: string | null;

  @ApiProperty({ type: [MadeFulfillmentResponse] })
  fulfillments!: MadeFulfillmentResponse[];

  @ApiProperty({
    description: 'A create was sent and its outcome is not known yet (it is read back before anything is sent again)',
    example: false,
  })
  outcomeUnknown!: boolean;

  @ApiProperty({ description: 'Changed tracking is still to be sent', example: false })
  trackingPending!: boolean;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, example: null })
  dueAt!: Date | null;

  @ApiProperty({ example: 1 })
  attempts!: number;

  @ApiProperty({ type: String, nullable: true, example: null })
  lastError!: string | null;

  @ApiProperty({ type: String, format: 'date-time', example: '2026-07-01T14:05:00.000Z' })
  createdAt!: Date;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, example: '2026-07-01T14:05:03.000Z' })
  pushedAt!: Date | null;

  @ApiProperty({ type: String, format: 'date-time', example: '2026-07-01T14:05:03.000Z' })
  updatedAt!: Date;
}
