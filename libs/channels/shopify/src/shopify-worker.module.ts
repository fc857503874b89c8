import { Module } from '@nestjs/common';
import { WebhookInboxHandler } from './webhooks/webhook-inbox.handler';

/** Shopify's background processing (webhook inbox); loaded by the worker role only. */
@Module({
  providers: [WebhookInboxHandler],
})
export class ShopifyWorkerModule {}
