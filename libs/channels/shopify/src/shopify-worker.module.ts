import { Module } from '@nestjs/common';
import { ChannelsModule, OrderImportModule, StockSyncModule } from '@gantry/core';
import { InventoryLevelWebhookHandler } from './inventory/inventory-level-webhook.handler';
import { OrderWebhookHandler } from './orders/order-webhook.handler';
import { ShopifyModule } from './shopify.module';
import { WebhookInboxHandler } from './webhooks/webhook-inbox.handler';

/** Shopify's background processing (the webhook inbox); loaded by the worker role only. */
@Module({
  imports: [ChannelsModule, StockSyncModule, OrderImportModule, ShopifyModule],
  providers: [WebhookInboxHandler, InventoryLevelWebhookHandler, OrderWebhookHandler],
})
export class ShopifyWorkerModule {}
