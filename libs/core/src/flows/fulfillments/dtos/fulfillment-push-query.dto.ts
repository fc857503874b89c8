import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';

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

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 500, default: 100, description: 'At most this many, newest first' })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? Number(value) : value))
  @IsInt()
  @Min(1)
  @Max(500)
  limit = 100;
}
