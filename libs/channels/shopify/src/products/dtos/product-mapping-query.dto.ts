import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';

export class ProductMappingQueryDto {
  @ApiPropertyOptional({ type: 'integer', default: 1000, minimum: 1, maximum: 5000, description: 'At most this many' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(5000)
  limit?: number;

  @ApiPropertyOptional({ type: 'integer', default: 0, minimum: 0, description: 'Skip this many' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(2_000_000_000)
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
