import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { LimitParam } from '../../../validation/query-params.util';

export const FULFILLMENT_PUSH_STATES = ['pending', 'pushed', 'held', 'skipped', 'failed'] as const;

export class FulfillmentPushQueryDto {
  @ApiPropertyOptional({
    enum: FULFILLMENT_PUSH_STATES,
    description: 'held: waiting on the channel (on hold, moved, refused) with a reason',
  })
  @IsOptional()
  @IsIn(FULFILLMENT_PUSH_STATES)
  state?: (typeof FULFILLMENT_PUSH_STATES)[number];

  @ApiPropertyOptional({ format: 'uuid', description: "One shipment's push" })
  @IsOptional()
  @IsUUID()
  shipmentId?: string;

  @LimitParam({ max: 500, default: 100 })
  limit = 100;
}
