import { LimitParam, OffsetParam } from '@gantry/core';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';

export class ProductMappingQueryDto {
  @LimitParam({ max: 5000, default: 1000, description: 'At most this many' })
  limit?: number;

  @OffsetParam()
  offset?: number;

  @ApiPropertyOptional({
    maxLength: 200,
    description: 'Only mappings whose SKU, warehouse product id, Shopify variant, product or inventory item id contains this (any case)',
    example: 'TEE-',
  })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  search?: string;
}
