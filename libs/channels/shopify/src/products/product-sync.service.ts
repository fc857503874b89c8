import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DomainException, StoreService, SyncRunner, SyncRunService, type SyncRunStatus } from '@gantry/core';
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
 * Maps every Shopify variant to a WMS product, batch by batch (memory stays flat: one batch and the store's mapping ids),
 * writing each page's mappings and outcomes in batches. Never changes stock or an existing mapping.
 */
@Injectable()
export class ProductSyncService {
  constructor(
    private readonly runner: SyncRunner,
    private readonly runs: SyncRunService,
    private readonly stores: StoreService,
    private readonly adapter: ShopifyChannelAdapter,
    private readonly bulk: BulkCatalogReader,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  async run(storeId: string, trigger = 'manual'): Promise<ProductSyncView> {
    await this.assertShopify(storeId);
    const { run } = await this.runner.run(
      storeId,
      PRODUCT_SYNC_KIND,
      async (scope) => {
        const settings = scope.ctx.settings as ShopifyStoreSettings;
        const existing: { shopify_variant_id: string; product_id: string }[] = await this.dataSource.query(
          `SELECT shopify_variant_id, product_id FROM product_mapping WHERE store_id = $1`,
          [storeId],
        );
        const matcher = new ProductMatcher(
          new Set(existing.map((m) => m.shopify_variant_id)),
          new Map(existing.map((m) => [m.product_id, m.shopify_variant_id])),
          settings.createMissingProducts,
        );
        const handle = async (items: ShopifyCatalogItem[]) => {
          const results = await this.dataSource.transaction(async (manager) => {
            const matched = await matcher.matchPage(manager, items);
            await this.saveMappings(manager, storeId, matched);
            return matched;
          });
          await scope.record(
            results.map((r) => ({ externalRef: r.item.externalId, sku: r.item.sku, outcome: r.outcome, reason: r.reason })),
          );
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

  async mappings(storeId: string, page: { limit?: number; offset?: number } = {}): Promise<ProductMappingView[]> {
    await this.assertShopify(storeId);
    return this.dataSource.query(
      `SELECT product_id AS "productId", sku, shopify_product_id AS "shopifyProductId", shopify_variant_id AS "shopifyVariantId", inventory_item_id AS "inventoryItemId"
         FROM product_mapping WHERE store_id = $1 ORDER BY id LIMIT $2 OFFSET $3`,
      [storeId, Math.min(Math.max(page.limit ?? 1000, 1), 5000), Math.max(page.offset ?? 0, 0)],
    );
  }

  private async saveMappings(manager: EntityManager, storeId: string, results: MatchResult[]): Promise<void> {
    const rows = results.filter((r) => (r.outcome === 'mapped' || r.outcome === 'created') && r.productId);
    if (rows.length === 0) {
      return;
    }
    await manager.query(
      `INSERT INTO product_mapping (store_id, product_id, shopify_product_id, shopify_variant_id, inventory_item_id, sku)
       SELECT $1, * FROM unnest($2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[]) ON CONFLICT DO NOTHING`,
      [
        storeId,
        rows.map((r) => r.productId),
        rows.map((r) => r.item.externalProductId),
        rows.map((r) => r.item.externalId),
        rows.map((r) => r.item.inventoryItemId),
        rows.map((r) => r.item.sku),
      ],
    );
  }

  private async assertShopify(storeId: string): Promise<void> {
    const store = await this.stores.get(storeId);
    if (store.pluginKey !== SHOPIFY_CHANNEL_KEY) {
      throw DomainException.notFound(`Store ${storeId} is not a Shopify store`);
    }
  }
}
