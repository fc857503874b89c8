import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';
import { LimitParam } from '../../validation/query-params.util';

export class SyncRunItemQueryDto {
  @ApiPropertyOptional({ description: 'Only items with this outcome (mapped, created, skipped, failed, …)', example: 'skipped' })
  @IsOptional()
  @Matches(/^[a-z][a-z0-9_-]{0,63}$/, { message: 'outcome must be lower-case letters, digits, dashes and underscores' })
  outcome?: string;

  @ApiPropertyOptional({ description: "The previous page's nextCursor: the items recorded after it", example: '1042' })
  @IsOptional()
  @Matches(/^[1-9][0-9]{0,17}$/, { message: "cursor must be a previous page's nextCursor" })
  cursor?: string;

  @LimitParam({ max: 1000, default: 500, description: 'At most this many, in the order they were recorded' })
  limit?: number;
}
