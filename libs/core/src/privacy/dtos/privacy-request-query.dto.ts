import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';
import { PRIVACY_REQUEST_KINDS, type PrivacyRequestKind } from '../privacy-request.repository';

export class PrivacyRequestQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: "Only this store's requests" })
  @IsOptional()
  @IsUUID()
  storeId?: string;

  @ApiPropertyOptional({ enum: PRIVACY_REQUEST_KINDS, description: 'Only requests of this kind' })
  @IsOptional()
  @IsIn(PRIVACY_REQUEST_KINDS)
  kind?: PrivacyRequestKind;

  @ApiPropertyOptional({ type: 'integer', default: 100, minimum: 1, maximum: 500, description: 'At most this many, newest first' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;
}
