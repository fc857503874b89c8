import { ArrayUnique, IsArray, IsISO8601, IsOptional, IsString, MaxLength } from 'class-validator';

/**
 * Which of a store's channel orders the warehouse takes. A channel with the order-source capability embeds this (or a
 * subclass that narrows the values to the channel's words) as `orderFilters` in its settings class. An empty list
 * means no filter on that field. Filters decide the import only: an imported order follows every later change.
 */
export class OrderFilterSettings {
  @IsArray()
  @ArrayUnique()
  @IsString({ each: true })
  statuses: string[] = [];

  @IsArray()
  @ArrayUnique()
  @IsString({ each: true })
  financialStatuses: string[] = [];

  @IsArray()
  @ArrayUnique()
  @IsString({ each: true })
  fulfillmentStatuses: string[] = [];

  /** The order carries at least one of these tags (compared without case). */
  @IsArray()
  @ArrayUnique()
  @IsString({ each: true })
  @MaxLength(255, { each: true })
  tagsAnyOf: string[] = [];

  /** The order carries none of these tags. */
  @IsArray()
  @ArrayUnique()
  @IsString({ each: true })
  @MaxLength(255, { each: true })
  tagsNoneOf: string[] = [];

  /** Orders created before this moment (ISO 8601) are left alone, e.g. those from before the warehouse took over. */
  @IsOptional()
  @IsISO8601({ strict: true })
  createdOnOrAfter: string | null = null;
}

export interface WithOrderFilterSettings {
  orderFilters: OrderFilterSettings;
}
