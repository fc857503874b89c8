import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';

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

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 500, default: 100, description: 'At most this many, newest first' })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? Number(value) : value))
  @IsInt()
  @Min(1)
  @Max(500)
  limit = 100;
}
