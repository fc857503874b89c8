import { Transform } from 'class-transformer';
import { IsArray, IsInt, IsISO8601, IsOptional, IsString, Max, Min } from 'class-validator';

const list = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' ? value.split(',').filter((v) => v.trim() !== '') : value;

/** The preview's window and, optionally, filters to try instead of the saved ones (comma-separated lists). */
export class OrderFilterPreviewQueryDto {
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? Number(value) : value))
  @IsInt()
  @Min(1)
  @Max(60)
  days = 7;

  @IsOptional()
  @Transform(list)
  @IsArray()
  @IsString({ each: true })
  statuses?: string[];

  @IsOptional()
  @Transform(list)
  @IsArray()
  @IsString({ each: true })
  financialStatuses?: string[];

  @IsOptional()
  @Transform(list)
  @IsArray()
  @IsString({ each: true })
  fulfillmentStatuses?: string[];

  @IsOptional()
  @Transform(list)
  @IsArray()
  @IsString({ each: true })
  tagsAnyOf?: string[];

  @IsOptional()
  @Transform(list)
  @IsArray()
  @IsString({ each: true })
  tagsNoneOf?: string[];

  @IsOptional()
  @IsISO8601({ strict: true })
  createdOnOrAfter?: string;
}
