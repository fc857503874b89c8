import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, Min } from 'class-validator';

export class ProductQueryDto {
  @ApiPropertyOptional({ description: 'The product with this SKU', example: 'TSHIRT-RED-M' })
  @IsOptional()
  @IsString()
  sku?: string;

  @ApiPropertyOptional({ description: 'Products with this barcode', example: '8712345678906' })
  @IsOptional()
  @IsString()
  barcode?: string;

  @ApiPropertyOptional({ type: 'integer', default: 100, minimum: 1, maximum: 1000, description: 'At most this many' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  limit?: number;

  @ApiPropertyOptional({ description: 'Return products whose SKU sorts after this one (keyset pagination)' })
  @IsOptional()
  @IsString()
  after?: string;
}
