import { Injectable, Logger } from '@nestjs/common';
import { Cron } from '@nestjs/schedule';
import { StoreService, StoreStatus } from '@gantry/core';
import type { ShopifyStoreSettings } from '../settings/shopify-store.settings';
import { SHOPIFY_CHANNEL_KEY } from '../shopify-channel.adapter';
import { StockReconcileService } from './stock-reconcile.service';

/** Daily, in the quiet hours: every connected store with stock sync on is reconciled, one after another. */
@Injectable()
export class StockReconcileCronJob {
  private readonly logger = new Logger(StockReconcileCronJob.name);

  constructor(
    private readonly stores: StoreService,
    private readonly reconciler: StockReconcileService,
  ) {}

  @Cron('0 3 * * *', { name: 'stock-reconcile' })
  async run(): Promise<void> {
    for (const store of await this.stores.list({ pluginKey: SHOPIFY_CHANNEL_KEY, status: StoreStatus.CONNECTED })) {
      const settings = store.settings as unknown as Partial<ShopifyStoreSettings>;
      if (!settings.stockSync?.enabled) {
        continue;
      }
      try {
        await this.reconciler.reconcile(store.id, 'schedule');
      } catch (error) {
        // Recorded on the store's sync run; the other stores still get theirs.
        this.logger.warn(`stock reconcile of ${store.name} failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }
}
