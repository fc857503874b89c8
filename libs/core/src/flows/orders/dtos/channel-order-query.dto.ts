import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';

export const CHANNEL_ORDER_STATES = ['pending', 'imported', 'skipped', 'held', 'cancelled', 'conflict', 'failed'] as const;

export class ChannelOrderQueryDto {
  @ApiPropertyOptional({
    enum: CHANNEL_ORDER_STATES,
    description: 'Only channel orders in this state (held: waiting for a person or a mapping)',
  })
  @IsOptional()
  @IsIn(CHANNEL_ORDER_STATES)
  state?: (typeof CHANNEL_ORDER_STATES)[number];

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 500, default: 100, description: 'At most this many, newest first' })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? Number(value) : value))
  @IsInt()
  @Min(1)
  @Max(500)
  limit = 100;
}
