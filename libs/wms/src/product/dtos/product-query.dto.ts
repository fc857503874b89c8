import { ApiPropertyOptional } from '@nestjs/swagger';
import { LimitParam } from '@gantry/core';
import { IsOptional, IsString } from 'class-validator';

export class ProductQueryDto {
  @ApiPropertyOptional({ description: 'The product with this SKU', example: 'TSHIRT-RED-M' })
  @IsOptional()
  @IsString()
  sku?: string;

  @ApiPropertyOptional({ description: 'Products with this barcode', example: '8712345678906' })
  @IsOptional()
  @IsString()
  barcode?: string;

  @LimitParam({ max: 1000, default: 100, description: 'At most this many' })
  limit?: number;

  @ApiPropertyOptional({ description: 'Return products whose SKU sorts after this one (keyset pagination)' })
  @IsOptional()
  @IsString()
  after?: string;
}
