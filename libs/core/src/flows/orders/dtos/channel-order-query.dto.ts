import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';

export const CHANNEL_ORDER_STATES = ['pending', 'imported', 'skipped', 'held', 'cancelled', 'conflict', 'failed'] as const;

export class ChannelOrderQueryDto {
  @IsOptional()
  @IsIn(CHANNEL_ORDER_STATES)
  state?: (typeof CHANNEL_ORDER_STATES)[number];

  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? Number(value) : value))
  @IsInt()
  @Min(1)
  @Max(500)
  limit = 100;
}
