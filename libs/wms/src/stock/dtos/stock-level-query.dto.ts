import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, IsUUID, Max, Min } from 'class-validator';
import { IsStockLevelCursor } from '../stock-level-cursor';

export const STOCK_LEVEL_PAGE_DEFAULT = 500;
export const STOCK_LEVEL_PAGE_MAX = 5000;

export class StockLevelQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Only the levels of this warehouse' })
  @IsOptional()
  @IsUUID()
  warehouseId?: string;

  @ApiPropertyOptional({ description: 'Only the levels of the product with this SKU' })
  @IsOptional()
  @IsString()
  sku?: string;

  @ApiPropertyOptional({
    type: 'integer',
    default: STOCK_LEVEL_PAGE_DEFAULT,
    minimum: 1,
    maximum: STOCK_LEVEL_PAGE_MAX,
    description: 'Levels per page',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(STOCK_LEVEL_PAGE_MAX)
  limit?: number;

  @ApiPropertyOptional({
    description: 'Opaque: the X-Next-Cursor header of the previous page, unchanged. Without it the first page is answered.',
  })
  @IsOptional()
  @IsStockLevelCursor()
  cursor?: string;
}
