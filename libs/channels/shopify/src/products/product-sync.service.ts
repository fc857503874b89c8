import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  ChannelProductMappingService,
  DomainException,
  StoreService,
  SyncRunner,
  SyncRunService,
  WarehousePort,
  type SyncRunStatus,
} from '@gantry/core';
import { DataSource, type EntityManager } from 'typeorm';
import type { ShopifyStoreSettings } from '../settings/shopify-store.settings';
import { SHOPIFY_CHANNEL_KEY, ShopifyChannelAdapter, type ShopifyCatalogItem } from '../shopify-channel.adapter';
import { BulkCatalogReader } from './bulk-catalog.reader';
import { ProductMatcher, type MatchResult } from './product-matcher';

export const PRODUCT_SYNC_KIND = 'product-sync';

export interface ProductSyncView {
  id: string;
  status: SyncRunStatus;
  error: string | null;
  counts: { mapped: number; created: number; skipped: number; unchanged: number };
  items: { sku: string | null; externalRef: string | null; outcome: string; reason: string | null }[];
}

export interface ProductMappingView {
  productId: string;
  sku: string | null;
  shopifyProductId: string;
  shopifyVariantId: string;
  inventoryItemId: string | null;
}

/**
 * Maps every Shopify variant to a WMS product, page by page (memory stays flat: one page, plus 4 bytes per SKU read),
 * writing each page's mappings and outcomes in one transaction. Never changes stock or an existing mapping.
 */
@Injectable()
export class ProductSyncService {
  constructor(
    private readonly runner: SyncRunner,
    private readonly runs: SyncRunService,
    private readonly stores: StoreService,
    private readonly adapter: ShopifyChannelAdapter,
    private readonly bulk: BulkCatalogReader,
    private readonly mappingsOf: ChannelProductMappingService,
    private readonly warehouse: WarehousePort,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  async run(storeId: string, trigger = 'manual'): Promise<ProductSyncView> {
    await this.assertShopify(storeId);
    const { run } = await this.runner.run(
      storeId,
      PRODUCT_SYNC_KIND,
      async (scope) => {
        const settings = scope.ctx.settings as ShopifyStoreSettings;
        const matcher = new ProductMatcher(
          this.warehouse,
          (query, manager) => this.mappingsOf.mappedAmong(storeId, query, manager),
          (skus, manager) => this.runs.firstRefsBySku(scope.run.id, skus, manager),
          settings.createMissingProducts,
        );
        const handle = async (items: ShopifyCatalogItem[]) => {
          // A page's mappings and its items commit together; counting them as they come keeps the run's progress
          // visible without recounting every item recorded so far (which made a 200,000-variant sync quadratic).
          await this.dataSource.transaction(async (manager) => {
            const matched = await matcher.matchPage(manager, items);
            await this.saveMappings(manager, storeId, matched);
            await this.runs.recordCounted(
              scope.run.id,
              matched.map((r) => ({ externalRef: r.item.externalId, sku: r.item.sku, outcome: r.outcome, reason: r.reason })),
              manager,
            );
          });
        };
        // One page answers small catalogs at once; the rest (variants come in id order) goes through a bulk export,
        // since paging 20,000 variants would spend minutes waiting for the rate limit.
        const first = await scope.call(() => this.adapter.fetchCatalog(scope.ctx, null));
        await handle(first.items);
        if (first.nextCursor) {
          const lastId = first.items.at(-1)?.externalId.split('/').pop() ?? null;
          const operationId = await scope.call(() => this.bulk.start(scope.ctx, lastId));
          const url = await scope.call(() => this.bulk.waitFor(scope.ctx, operationId));
          if (url) {
            for await (const batch of this.bulk.read(url, lastId)) {
              await handle(batch);
            }
          }
        }
      },
      { trigger },
    );
    return this.view(run.id);
  }

  async view(runId: string): Promise<ProductSyncView> {
    const run = await this.runs.getWithItems(runId);
    return {
      id: run.id,
      status: run.status,
      error: run.error,
      counts: {
        mapped: run.counts.mapped ?? 0,
        created: run.counts.created ?? 0,
        skipped: run.counts.skipped ?? 0,
        unchanged: run.counts.unchanged ?? 0,
      },
      items: run.items.map((i) => ({ sku: i.sku, externalRef: i.externalRef, outcome: i.outcome, reason: i.reason })),
    };
  }

  async mappings(storeId: string, page: { limit?: number; offset?: number; search?: string } = {}): Promise<ProductMappingView[]> {
    await this.assertShopify(storeId);
    const rows = await this.mappingsOf.list(storeId, page);
    return rows.map((m) => ({
      productId: m.productId,
      sku: m.sku,
      shopifyProductId: m.externalProductId ?? '',
      shopifyVariantId: m.externalId,
      inventoryItemId: m.stockItemId,
    }));
  }

  private async saveMappings(manager: EntityManager, storeId: string, results: MatchResult[]): Promise<void> {
    const rows = results.filter((r) => (r.outcome === 'mapped' || r.outcome === 'created') && r.productId);
    if (rows.length === 0) {
      return;
    }
    await this.mappingsOf.add(
      storeId,
      rows.map((r) => ({
        productId: r.productId as string,
        sku: r.item.sku,
        externalId: r.item.externalId,
        externalProductId: r.item.externalProductId,
        stockItemId: r.item.inventoryItemId,
      })),
      manager,
    );
  }

  private async assertShopify(storeId: string): Promise<void> {
    const store = await this.stores.get(storeId);
    if (store.pluginKey !== SHOPIFY_CHANNEL_KEY) {
      throw DomainException.notFound(`Store ${storeId} is not a Shopify store`);
    }
  }
}
