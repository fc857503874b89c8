import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { LimitParam } from '../../../validation/query-params.util';

export const CHANNEL_ORDER_STATES = ['pending', 'imported', 'skipped', 'held', 'cancelled', 'conflict', 'failed'] as const;

export class ChannelOrderQueryDto {
  @ApiPropertyOptional({
    enum: CHANNEL_ORDER_STATES,
    description: 'Only channel orders in this state (held: waiting for a person or a mapping)',
  })
  @IsOptional()
  @IsIn(CHANNEL_ORDER_STATES)
  state?: (typeof CHANNEL_ORDER_STATES)[number];

  @LimitParam({ max: 500, default: 100 })
  limit = 100;
}
