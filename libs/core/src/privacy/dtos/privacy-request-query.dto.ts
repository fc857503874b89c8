import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { LimitParam, StoreIdParam } from '../../validation/query-params.util';
import { PRIVACY_REQUEST_KINDS, type PrivacyRequestKind } from '../privacy-request.repository';

export class PrivacyRequestQueryDto {
  @StoreIdParam("Only this store's requests")
  storeId?: string;

  @ApiPropertyOptional({ enum: PRIVACY_REQUEST_KINDS, description: 'Only requests of this kind' })
  @IsOptional()
  @IsIn(PRIVACY_REQUEST_KINDS)
  kind?: PrivacyRequestKind;

  @LimitParam({ max: 500, default: 100 })
  limit?: number;
}
