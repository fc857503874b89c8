import { Module } from '@nestjs/common';
import { ChannelsModule, StockSyncModule } from '@gantry/core';
import { InventoryLevelWebhookHandler } from './inventory/inventory-level-webhook.handler';
import { ShopifyModule } from './shopify.module';
import { WebhookInboxHandler } from './webhooks/webhook-inbox.handler';

/** Shopify's background processing (the webhook inbox); loaded by the worker role only. */
@Module({
  imports: [ChannelsModule, StockSyncModule, ShopifyModule],
  providers: [WebhookInboxHandler, InventoryLevelWebhookHandler],
})
export class ShopifyWorkerModule {}
