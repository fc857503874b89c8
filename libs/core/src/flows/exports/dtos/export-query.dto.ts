import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Max, Min } from 'class-validator';

export const EXPORT_STATES = ['pending', 'in_flight', 'exported', 'failed'] as const;

export class ExportQueryDto {
  @ApiPropertyOptional({ description: 'The wholesale source store (a JOOR store)', format: 'uuid' })
  @IsOptional()
  @IsUUID()
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

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 500, default: 100, description: 'At most this many, newest first' })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? Number(value) : value))
  @IsInt()
  @Min(1)
  @Max(500)
  limit = 100;
}
