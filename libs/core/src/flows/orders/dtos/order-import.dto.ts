import { IsISO8601, IsOptional } from 'class-validator';

export class OrderImportDto {
  /** Read the channel's orders changed since this moment (ISO 8601); default: where the last run ended. */
  @IsOptional()
  @IsISO8601({ strict: true })
  since?: string;
}
