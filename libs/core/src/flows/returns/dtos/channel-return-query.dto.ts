import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { LimitParam } from '../../../validation/query-params.util';

export const CHANNEL_RETURN_STATES = [
  'pending',
  'requested',
  'expected',
  'received',
  'closed',
  'withdrawn',
  'held',
  'skipped',
  'failed',
] as const;

export class ChannelReturnQueryDto {
  @ApiPropertyOptional({ enum: CHANNEL_RETURN_STATES, description: 'Only channel returns in this state' })
  @IsOptional()
  @IsIn(CHANNEL_RETURN_STATES)
  state?: (typeof CHANNEL_RETURN_STATES)[number];

  @LimitParam({ max: 500, default: 100 })
  limit = 100;
}
