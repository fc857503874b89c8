import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsEnum, IsInt, IsOptional, IsUUID, Matches, Max, Min } from 'class-validator';
import { SyncRunStatus } from '../sync-run-status.enum';

export class SyncRunQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: "Only this store's runs" })
  @IsOptional()
  @IsUUID()
  storeId?: string;

  @ApiPropertyOptional({ description: 'Only runs of this kind (product-sync, stock-push, order-import, …)', example: 'product-sync' })
  @IsOptional()
  @Matches(/^[a-z][a-z0-9-]{0,63}$/, { message: 'kind must be lower-case letters, digits and dashes' })
  kind?: string;

  @ApiPropertyOptional({ enum: SyncRunStatus, description: 'Only runs in this status' })
  @IsOptional()
  @IsEnum(SyncRunStatus)
  status?: SyncRunStatus;

  @ApiPropertyOptional({ type: 'integer', default: 100, minimum: 1, maximum: 500, description: 'At most this many, newest first' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;
}
