import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional } from 'class-validator';

export class OrderImportDto {
  /** Read the channel's orders changed since this moment (ISO 8601); default: where the last run ended. */
  @ApiPropertyOptional({
    format: 'date-time',
    description: "Read the channel's orders changed since this moment (ISO 8601); without it, since where the last run ended",
    example: '2026-07-01T00:00:00Z',
  })
  @IsOptional()
  @IsISO8601({ strict: true })
  since?: string;
}
