import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsEnum, IsOptional, Matches } from 'class-validator';
import { LimitParam, StoreIdParam } from '../../validation/query-params.util';
import { SyncRunStatus } from '../sync-run-status.enum';

export class SyncRunQueryDto {
  @StoreIdParam("Only this store's runs")
  storeId?: string;

  @ApiPropertyOptional({ description: 'Only runs of this kind (product-sync, stock-push, order-import, …)', example: 'product-sync' })
  @IsOptional()
  @Matches(/^[a-z][a-z0-9-]{0,63}$/, { message: 'kind must be lower-case letters, digits and dashes' })
  kind?: string;

  @ApiPropertyOptional({ enum: SyncRunStatus, description: 'Only runs in this status' })
  @IsOptional()
  @IsEnum(SyncRunStatus)
  status?: SyncRunStatus;

  @LimitParam({ max: 500, default: 100 })
  limit?: number;
}
