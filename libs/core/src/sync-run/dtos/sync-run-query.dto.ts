import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsEnum, IsInt, IsOptional, IsUUID, Matches, Max, Min } from 'class-validator';
import { SyncRunStatus } from '../sync-run-status.enum';

export class SyncRunQueryDto {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  storeId?: string;

  @ApiPropertyOptional({ example: 'product-sync' })
  @IsOptional()
  @Matches(/^[a-z][a-z0-9-]{0,63}$/, { message: 'kind must be lower-case letters, digits and dashes' })
  kind?: string;

  @ApiPropertyOptional({ enum: SyncRunStatus })
  @IsOptional()
  @IsEnum(SyncRunStatus)
  status?: SyncRunStatus;

  @ApiPropertyOptional({ default: 100, maximum: 500 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;
}
