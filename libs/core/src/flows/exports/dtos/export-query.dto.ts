import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length } from 'class-validator';
import { LimitParam, StoreIdParam } from '../../../validation/query-params.util';

export const EXPORT_STATES = ['pending', 'in_flight', 'exported', 'failed'] as const;

export class ExportQueryDto {
  @StoreIdParam('The wholesale source store (a JOOR store)')
  storeId?: string;

  @ApiPropertyOptional({
    enum: EXPORT_STATES,
    description:
      'pending: recorded, not sent; in_flight: sent, outcome being settled; exported: created on the sink; failed: not created (see failureCode)',
  })
  @IsOptional()
  @IsIn(EXPORT_STATES)
  status?: (typeof EXPORT_STATES)[number];

  @ApiPropertyOptional({ description: "The source's order id (JOOR order number)" })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  sourceOrderId?: string;

  @LimitParam({ max: 500, default: 100 })
  limit = 100;
}
