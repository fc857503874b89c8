import { ApiPropertyOptional, ApiSchema } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  FulfillmentSettings,
  OrderFilterSettings,
  ReturnSyncSettings,
  StockSyncSettings,
  type WithFulfillmentSettings,
  type WithOrderFilterSettings,
  type WithReturnSyncSettings,
  type WithStockSyncSettings,
} from '@gantry/core';
import { ArrayUnique, IsArray, IsBoolean, IsIn, ValidateNested } from 'class-validator';

// Enum values as Shopify's Admin GraphQL schema (2026-07) names them.
export const SHOPIFY_ORDER_STATUSES = ['OPEN', 'CLOSED', 'CANCELLED'] as const;
export const SHOPIFY_FINANCIAL_STATUSES = [
  'AUTHORIZED',
  'EXPIRED',
  'PAID',
  'PARTIALLY_PAID',
  'PARTIALLY_REFUNDED',
  'PENDING',
  'REFUNDED',
  'VOIDED',
] as const;
export const SHOPIFY_FULFILLMENT_STATUSES = [
  'FULFILLED',
  'IN_PROGRESS',
  'ON_HOLD',
  'OPEN',
  'PARTIALLY_FULFILLED',
  'PENDING_FULFILLMENT',
  'REQUEST_DECLINED',
  'RESTOCKED',
  'SCHEDULED',
  'UNFULFILLED',
] as const;

/** Which orders are imported, in Shopify's words; an empty list means no filter on that field (tags and date: the core's). */
@ApiSchema({
  description:
    "Which Shopify orders the warehouse imports, in Shopify's words. An empty list means no filter on that field; filters decide the import only: an imported order follows every later change. GET /stores/{id}/order-filters/preview shows what they would take.",
})
export class ShopifyOrderFilterSettings extends OrderFilterSettings {
  @ApiPropertyOptional({
    type: 'array',
    items: { type: 'string', enum: [...SHOPIFY_ORDER_STATUSES] },
    description: 'Import only orders in these Shopify statuses; empty: any',
    default: [],
    example: ['OPEN'],
  })
  @IsArray()
  @ArrayUnique()
  @IsIn(SHOPIFY_ORDER_STATUSES, { each: true })
  override statuses: string[] = [];

  @ApiPropertyOptional({
    type: 'array',
    items: { type: 'string', enum: [...SHOPIFY_FINANCIAL_STATUSES] },
    description: 'Import only orders in these Shopify payment (financial) statuses; empty: any',
    default: [],
    example: ['PAID'],
  })
  @IsArray()
  @ArrayUnique()
  @IsIn(SHOPIFY_FINANCIAL_STATUSES, { each: true })
  override financialStatuses: string[] = [];

  @ApiPropertyOptional({
    type: 'array',
    items: { type: 'string', enum: [...SHOPIFY_FULFILLMENT_STATUSES] },
    description: 'Import only orders in these Shopify fulfillment statuses; empty: any',
    default: [],
    example: ['UNFULFILLED', 'PARTIALLY_FULFILLED'],
  })
  @IsArray()
  @ArrayUnique()
  @IsIn(SHOPIFY_FULFILLMENT_STATUSES, { each: true })
  override fulfillmentStatuses: string[] = [];
}

@ApiSchema({ description: 'Shipments out: each warehouse shipment becomes a fulfillment of the Shopify order.' })
export class ShopifyFulfillmentSettings extends FulfillmentSettings {}

@ApiSchema({ description: 'Returns in: returns approved in Shopify become expected returns in the warehouse.' })
export class ShopifyReturnSettings extends ReturnSyncSettings {}

/**
 * Settings of one Shopify store, as the outside contract names them. Stock sync acts on `stockSync`, orders in on
 * `orderFilters`, shipments on `fulfillment`, returns on `returns`, and `createMissingProducts` drives product sync.
 */
@ApiSchema({
  description:
    'The settings of a Shopify store: stock sync (stockSync), orders in (orderFilters), shipments out (fulfillment), returns in (returns) and product sync (createMissingProducts).',
})
export class ShopifyStoreSettings
  implements WithStockSyncSettings, WithOrderFilterSettings, WithFulfillmentSettings, WithReturnSyncSettings
{
  @ApiPropertyOptional({
    type: () => StockSyncSettings,
    description: "Stock sync: the warehouse's available stock sent to the mapped Shopify locations",
  })
  @ValidateNested()
  @Type(() => StockSyncSettings)
  stockSync: StockSyncSettings = new StockSyncSettings();

  @ApiPropertyOptional({ type: () => ShopifyOrderFilterSettings, description: 'Orders in: which Shopify orders the warehouse imports' })
  @ValidateNested()
  @Type(() => ShopifyOrderFilterSettings)
  orderFilters: ShopifyOrderFilterSettings = new ShopifyOrderFilterSettings();

  @ApiPropertyOptional({ type: () => ShopifyFulfillmentSettings, description: 'Shipments out: fulfillments made in Shopify' })
  @ValidateNested()
  @Type(() => ShopifyFulfillmentSettings)
  fulfillment: ShopifyFulfillmentSettings = new ShopifyFulfillmentSettings();

  @ApiPropertyOptional({ type: () => ShopifyReturnSettings, description: 'Returns in: Shopify returns received by the warehouse' })
  @ValidateNested()
  @Type(() => ShopifyReturnSettings)
  returns: ShopifyReturnSettings = new ShopifyReturnSettings();

  @ApiPropertyOptional({
    type: Boolean,
    description:
      'Product sync creates a warehouse product for a variant no product matches (by SKU, then barcode); off: the variant is skipped',
    default: true,
    example: true,
  })
  @IsBoolean()
  createMissingProducts = true;
}
