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
export class ShopifyOrderFilterSettings extends OrderFilterSettings {
  @IsArray()
  @ArrayUnique()
  @IsIn(SHOPIFY_ORDER_STATUSES, { each: true })
  override statuses: string[] = [];

  @IsArray()
  @ArrayUnique()
  @IsIn(SHOPIFY_FINANCIAL_STATUSES, { each: true })
  override financialStatuses: string[] = [];

  @IsArray()
  @ArrayUnique()
  @IsIn(SHOPIFY_FULFILLMENT_STATUSES, { each: true })
  override fulfillmentStatuses: string[] = [];
}

export class ShopifyFulfillmentSettings extends FulfillmentSettings {}

export class ShopifyReturnSettings extends ReturnSyncSettings {}

/**
 * Settings of one Shopify store, as the outside contract names them. Stock sync acts on `stockSync`, orders in on
 * `orderFilters`, shipments on `fulfillment`, returns on `returns`, and `createMissingProducts` drives product sync.
 */
export class ShopifyStoreSettings
  implements WithStockSyncSettings, WithOrderFilterSettings, WithFulfillmentSettings, WithReturnSyncSettings
{
  @ValidateNested()
  @Type(() => StockSyncSettings)
  stockSync: StockSyncSettings = new StockSyncSettings();

  @ValidateNested()
  @Type(() => ShopifyOrderFilterSettings)
  orderFilters: ShopifyOrderFilterSettings = new ShopifyOrderFilterSettings();

  @ValidateNested()
  @Type(() => ShopifyFulfillmentSettings)
  fulfillment: ShopifyFulfillmentSettings = new ShopifyFulfillmentSettings();

  @ValidateNested()
  @Type(() => ShopifyReturnSettings)
  returns: ShopifyReturnSettings = new ShopifyReturnSettings();

  @IsBoolean()
  createMissingProducts = true;
}
