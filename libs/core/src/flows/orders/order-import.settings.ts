import { ApiPropertyOptional, ApiSchema } from '@nestjs/swagger';
import { ArrayUnique, IsArray, IsISO8601, IsOptional, IsString, MaxLength } from 'class-validator';

/**
 * Which of a store's channel orders the warehouse takes. A channel with the order-source capability embeds this (or a
 * subclass that narrows the values to the channel's words) as `orderFilters` in its settings class. An empty list
 * means no filter on that field. Filters decide the import only: an imported order follows every later change.
 */
@ApiSchema({
  description:
    'Which channel orders the warehouse takes. An empty list means no filter on that field; filters decide the import only: an imported order follows every later change.',
})
export class OrderFilterSettings {
  @ApiPropertyOptional({
    type: [String],
    description: "Order statuses to import, in the channel's words; empty: any",
    default: [],
    example: [],
  })
  @IsArray()
  @ArrayUnique()
  @IsString({ each: true })
  statuses: string[] = [];

  @ApiPropertyOptional({
    type: [String],
    description: "Payment statuses to import, in the channel's words; empty: any",
    default: [],
    example: [],
  })
  @IsArray()
  @ArrayUnique()
  @IsString({ each: true })
  financialStatuses: string[] = [];

  @ApiPropertyOptional({
    type: [String],
    description: "Fulfillment statuses to import, in the channel's words; empty: any",
    default: [],
    example: [],
  })
  @IsArray()
  @ArrayUnique()
  @IsString({ each: true })
  fulfillmentStatuses: string[] = [];

  /** The order carries at least one of these tags (compared without case). */
  @ApiPropertyOptional({
    type: [String],
    maxLength: 255,
    description: 'Import only orders carrying at least one of these tags (compared without case); empty: any',
    default: [],
    example: [],
  })
  @IsArray()
  @ArrayUnique()
  @IsString({ each: true })
  @MaxLength(255, { each: true })
  tagsAnyOf: string[] = [];

  /** The order carries none of these tags. */
  @ApiPropertyOptional({
    type: [String],
    maxLength: 255,
    description: 'Leave alone orders carrying any of these tags (compared without case)',
    default: [],
    example: ['wholesale'],
  })
  @IsArray()
  @ArrayUnique()
  @IsString({ each: true })
  @MaxLength(255, { each: true })
  tagsNoneOf: string[] = [];

  /** Orders created before this moment (ISO 8601) are left alone, e.g. those from before the warehouse took over. */
  @ApiPropertyOptional({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'Leave alone orders created before this moment (ISO 8601), e.g. those from before the warehouse took over; null: no limit',
    default: null,
    example: '2026-07-01T00:00:00Z',
  })
  @IsOptional()
  @IsISO8601({ strict: true })
  createdOnOrAfter: string | null = null;
}

export interface WithOrderFilterSettings {
  orderFilters: OrderFilterSettings;
}
