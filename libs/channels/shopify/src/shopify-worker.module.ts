import { Module } from '@nestjs/common';
import { ChannelsModule, FulfillmentModule, OrderImportModule, PrivacyModule, ReturnSyncModule, StockSyncModule } from '@gantry/core';
import { FulfillmentOrderWebhookHandler } from './fulfillments/fulfillment-order-webhook.handler';
import { InventoryLevelWebhookHandler } from './inventory/inventory-level-webhook.handler';
import { OrderWebhookHandler } from './orders/order-webhook.handler';
import { ReturnWebhookHandler } from './returns/return-webhook.handler';
import { ShopifyModule } from './shopify.module';
import { ComplianceRequestHandler } from './webhooks/compliance-request.handler';
import { WebhookInboxHandler } from './webhooks/webhook-inbox.handler';
import { WebhookRegistrationBootJob } from './webhooks/webhook-registration.boot.job';

/** Shopify's background processing (the webhook inbox, webhook registration at start); loaded by the worker role only. */
@Module({
  imports: [ChannelsModule, StockSyncModule, OrderImportModule, ReturnSyncModule, FulfillmentModule, PrivacyModule, ShopifyModule],
  providers: [
    WebhookInboxHandler,
    ComplianceRequestHandler,
    InventoryLevelWebhookHandler,
    OrderWebhookHandler,
    ReturnWebhookHandler,
    FulfillmentOrderWebhookHandler,
    WebhookRegistrationBootJob,
  ],
  exports: [WebhookRegistrationBootJob],
})
export class ShopifyWorkerModule {}
