import { Module } from '@nestjs/common';
import { ChannelsModule } from '@gantry/core';
import { ShopifyModule } from './shopify.module';
import { InventoryLevelWebhookHandler } from './stock-sync/inventory-level-webhook.handler';
import { StockChangeHandler } from './stock-sync/stock-change.handler';
import { StockFlushProcessor } from './stock-sync/stock-flush.processor';
import { StockFlushReadiness } from './stock-sync/stock-flush.readiness';
import { StockFlushScheduler } from './stock-sync/stock-flush.scheduler';
import { StockPushRunRecorder } from './stock-sync/stock-push-run.recorder';
import { StockPushService } from './stock-sync/stock-push.service';
import { StockReconcileCronJob } from './stock-sync/stock-reconcile.cron.job';
import { WebhookInboxHandler } from './webhooks/webhook-inbox.handler';

/** Shopify's background processing (webhook inbox, stock sync); loaded by the worker role only. */
@Module({
  imports: [ChannelsModule, ShopifyModule],
  providers: [
    WebhookInboxHandler,
    InventoryLevelWebhookHandler,
    StockChangeHandler,
    StockPushRunRecorder,
    StockFlushReadiness,
    StockPushService,
    StockFlushScheduler,
    StockFlushProcessor,
    StockReconcileCronJob,
  ],
  exports: [StockPushService, StockFlushScheduler],
})
export class ShopifyWorkerModule {}
