import { Module } from '@nestjs/common';
import { channelAdapterProviders, ChannelsModule } from '@gantry/core';
import { ShopifyConnectController } from './auth/shopify-connect.controller';
import { ShopifyConnectService } from './auth/shopify-connect.service';
import { ShopifyTokenService } from './auth/shopify-token.service';
import { ShopifyApiProvider } from './common/shopify-api.provider';
import { ShopifyBulkOperationClient } from './graphql/shopify-bulk-operation.client';
import { ShopifyGraphqlClient } from './graphql/shopify-graphql.client';
import { ShopifyRateLimiter } from './graphql/shopify-rate-limiter';
import { ShopifyLocationController } from './locations/shopify-location.controller';
import { ShopifyLocationService } from './locations/shopify-location.service';
import { BulkCatalogReader } from './products/bulk-catalog.reader';
import { ProductSyncController } from './products/product-sync.controller';
import { ProductSyncService } from './products/product-sync.service';
import { ShopifyChannelAdapter } from './shopify-channel.adapter';
import { ShopifyFulfillmentClient } from './fulfillments/shopify-fulfillment.client';
import { ShopifyInventoryClient } from './inventory/shopify-inventory.client';
import { ShopifyReturnClient } from './returns/shopify-return.client';
import { ExportItemReader } from './exports/export-item.reader';
import { ShopifyOrderExportClient } from './exports/shopify-order-export.client';
import { FulfillmentOrderReader } from './orders/fulfillment-order.reader';
import { ShopifyOrderClient } from './orders/shopify-order.client';
import { ShopifyWebhookController } from './webhooks/shopify-webhook.controller';
import { WebhookInboxPersonalDataService } from './webhooks/webhook-inbox-personal-data.service';
import { WebhookInboxService } from './webhooks/webhook-inbox.service';
import { WebhookSubscriptionService } from './webhooks/webhook-subscription.service';

const services = [
  ShopifyApiProvider,
  ShopifyTokenService,
  ShopifyRateLimiter,
  ShopifyGraphqlClient,
  ShopifyBulkOperationClient,
  ShopifyConnectService,
  WebhookSubscriptionService,
  WebhookInboxService,
  WebhookInboxPersonalDataService,
  ShopifyLocationService,
  ProductSyncService,
  BulkCatalogReader,
  ShopifyInventoryClient,
  ShopifyOrderClient,
  FulfillmentOrderReader,
  ShopifyFulfillmentClient,
  ShopifyReturnClient,
  ExportItemReader,
  ShopifyOrderExportClient,
];

/** The Shopify channel: adapter, OAuth connect, webhooks, locations, product mapping, stock, orders and order exports. */
@Module({
  imports: [ChannelsModule],
  controllers: [ShopifyConnectController, ShopifyWebhookController, ShopifyLocationController, ProductSyncController],
  providers: [...channelAdapterProviders(ShopifyChannelAdapter), ...services],
  exports: [ShopifyChannelAdapter, ...services],
})
export class ShopifyModule {}
