import { ApiPropertyOptional } from '@nestjs/swagger';
import { LimitParam, StoreIdParam } from '@gantry/core';
import { Transform } from 'class-transformer';
import { IsEnum, IsOptional, IsString, MaxLength } from 'class-validator';
import { OrderStatus } from '../order-status.enum';

export class OrderQueryDto {
  @StoreIdParam("Only this store's orders")
  storeId?: string;

  @ApiPropertyOptional({ enum: OrderStatus, description: 'Only orders in this status (needs_attention: held ones)' })
  @IsOptional()
  @IsEnum(OrderStatus)
  status?: OrderStatus;

  @ApiPropertyOptional({
    description:
      'Only orders whose number, reference, channel id or hold reason contains this text, or with a line whose SKU or problem does (case-insensitive)',
    maxLength: 200,
    example: '#1001',
  })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @MaxLength(200)
  q?: string;

  @LimitParam({ max: 500, default: 100 })
  limit?: number;
}
