import { ApiPropertyOptional } from '@nestjs/swagger';
import { LimitParam, StoreIdParam } from '@gantry/core';
import { IsEnum, IsOptional } from 'class-validator';
import { OrderStatus } from '../order-status.enum';

export class OrderQueryDto {
  @StoreIdParam("Only this store's orders")
  storeId?: string;

  @ApiPropertyOptional({ enum: OrderStatus, description: 'Only orders in this status (needs_attention: held ones)' })
  @IsOptional()
  @IsEnum(OrderStatus)
  status?: OrderStatus;

  @LimitParam({ max: 500, default: 100 })
  limit?: number;
}
