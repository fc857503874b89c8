import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsArray, IsInt, IsISO8601, IsOptional, IsString, Max, Min } from 'class-validator';

const list = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' ? value.split(',').filter((v) => v.trim() !== '') : value;

/** The preview's window and, optionally, filters to try instead of the saved ones (comma-separated lists). */
export class OrderFilterPreviewQueryDto {
  @ApiPropertyOptional({
    type: 'integer',
    minimum: 1,
    maximum: 60,
    default: 7,
    description: 'The window: orders created in the last this many days',
  })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? Number(value) : value))
  @IsInt()
  @Min(1)
  @Max(60)
  days = 7;

  @ApiPropertyOptional({
    type: String,
    description: "Order statuses to try instead of the saved filter (comma-separated, in the channel's words)",
    example: 'OPEN',
  })
  @IsOptional()
  @Transform(list)
  @IsArray()
  @IsString({ each: true })
  statuses?: string[];

  @ApiPropertyOptional({ type: String, description: 'Payment statuses to try (comma-separated)', example: 'PAID,PARTIALLY_PAID' })
  @IsOptional()
  @Transform(list)
  @IsArray()
  @IsString({ each: true })
  financialStatuses?: string[];

  @ApiPropertyOptional({ type: String, description: 'Fulfillment statuses to try (comma-separated)', example: 'UNFULFILLED' })
  @IsOptional()
  @Transform(list)
  @IsArray()
  @IsString({ each: true })
  fulfillmentStatuses?: string[];

  @ApiPropertyOptional({ type: String, description: 'Tags to try, any of which an order must carry (comma-separated)', example: 'b2c' })
  @IsOptional()
  @Transform(list)
  @IsArray()
  @IsString({ each: true })
  tagsAnyOf?: string[];

  @ApiPropertyOptional({
    type: String,
    description: 'Tags to try, none of which an order may carry (comma-separated)',
    example: 'wholesale,test',
  })
  @IsOptional()
  @Transform(list)
  @IsArray()
  @IsString({ each: true })
  tagsNoneOf?: string[];

  @ApiPropertyOptional({ format: 'date-time', description: 'A createdOnOrAfter to try (ISO 8601)', example: '2026-07-01T00:00:00Z' })
  @IsOptional()
  @IsISO8601({ strict: true })
  createdOnOrAfter?: string;
}
