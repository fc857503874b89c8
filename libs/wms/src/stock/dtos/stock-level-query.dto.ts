import { ApiPropertyOptional } from '@nestjs/swagger';
import { LimitParam } from '@gantry/core';
import { IsOptional, IsString, IsUUID } from 'class-validator';
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

  @LimitParam({ max: STOCK_LEVEL_PAGE_MAX, default: STOCK_LEVEL_PAGE_DEFAULT, description: 'Levels per page' })
  limit?: number;

  @ApiPropertyOptional({
    description: 'Opaque: the X-Next-Cursor header of the previous page, unchanged. Without it the first page is answered.',
  })
  @IsOptional()
  @IsStockLevelCursor()
  cursor?: string;
}
