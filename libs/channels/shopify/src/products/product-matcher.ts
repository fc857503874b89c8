import type { WarehousePort } from '@gantry/core';
import type { EntityManager } from 'typeorm';
import type { ShopifyCatalogItem } from '../shopify-channel.adapter';

export type MatchOutcome = 'mapped' | 'created' | 'skipped' | 'unchanged';

export interface MatchResult {
  item: ShopifyCatalogItem;
  outcome: MatchOutcome;
  reason: string | null;
  productId?: string;
}

interface ProductRow {
  id: string;
  sku: string;
  barcode: string | null;
}

/**
 * Matches one page of variants to WMS products (by SKU, then by barcode), remembering across pages what the run has
 * seen: which variants and products the store already maps, and which variant first used each SKU.
 */
export class ProductMatcher {
  private readonly firstVariantBySku = new Map<string, string>();

  constructor(
    private readonly warehouse: WarehousePort,
    private readonly mappedVariants: Set<string>,
    private readonly mappedProducts: Map<string, string>,
    private readonly createMissing: boolean,
  ) {}

  async matchPage(manager: EntityManager, items: ShopifyCatalogItem[]): Promise<MatchResult[]> {
    const results: MatchResult[] = [];
    const pending: ShopifyCatalogItem[] = [];
    for (const item of items) {
      const decided = this.precheck(item);
      if (decided) {
        results.push(decided);
      } else {
        pending.push(item);
        results.push({ item, outcome: 'skipped', reason: null });
      }
    }
    if (pending.length === 0) {
      return results;
    }
    const skus = pending.map((i) => i.sku).filter((s): s is string => !!s);
    const barcodes = pending.map((i) => i.barcode).filter((b): b is string => !!b);
    const rows: ProductRow[] = await this.warehouse.findProducts({ skus, barcodes }, manager);
    const bySku = new Map(rows.map((r) => [r.sku, r]));
    const byBarcode = new Map<string, ProductRow[]>();
    for (const row of rows) {
      if (row.barcode) {
        byBarcode.set(row.barcode, [...(byBarcode.get(row.barcode) ?? []), row]);
      }
    }
    const toCreate: ShopifyCatalogItem[] = [];
    for (const result of results) {
      if (result.reason !== null || !pending.includes(result.item)) {
        continue;
      }
      Object.assign(result, this.matchOne(result.item, bySku, byBarcode));
      if (result.outcome === 'created') {
        toCreate.push(result.item);
      }
    }
    await this.create(manager, toCreate, results);
    return results;
  }

  private precheck(item: ShopifyCatalogItem): MatchResult | null {
    if (item.sku) {
      const first = this.firstVariantBySku.get(item.sku);
      if (first && first !== item.externalId) {
        return {
          item,
          outcome: 'skipped',
          reason: `SKU ${item.sku} is used by two Shopify variants, ${first} and ${item.externalId}: only the first is mapped`,
        };
      }
      this.firstVariantBySku.set(item.sku, item.externalId);
    }
    if (this.mappedVariants.has(item.externalId)) {
      // An existing mapping is never changed by a sync.
      return { item, outcome: 'unchanged', reason: null };
    }
    if (!item.sku && !item.barcode) {
      return { item, outcome: 'skipped', reason: `Variant ${item.externalId} has neither SKU nor barcode` };
    }
    return null;
  }

  private matchOne(
    item: ShopifyCatalogItem,
    bySku: Map<string, ProductRow>,
    byBarcode: Map<string, ProductRow[]>,
  ): Omit<MatchResult, 'item'> {
    let product = item.sku ? bySku.get(item.sku) : undefined;
    let how = `by SKU ${item.sku ?? ''}`;
    if (!product && item.barcode) {
      const candidates = byBarcode.get(item.barcode) ?? [];
      if (candidates.length > 1) {
        return {
          outcome: 'skipped',
          reason: `Barcode ${item.barcode} matches ${candidates.length} WMS products (${candidates.map((c) => c.sku).join(', ')})`,
        };
      }
      product = candidates[0];
      how = `by barcode ${item.barcode}`;
    }
    if (product) {
      const holder = this.mappedProducts.get(product.id);
      if (holder) {
        return { outcome: 'skipped', reason: `WMS product ${product.sku} is already mapped to variant ${holder}` };
      }
      this.mappedProducts.set(product.id, item.externalId);
      return { outcome: 'mapped', reason: how, productId: product.id };
    }
    if (!this.createMissing) {
      return { outcome: 'skipped', reason: `No WMS product with ${describe(item)}, and createMissingProducts is off` };
    }
    if (!item.sku) {
      return {
        outcome: 'skipped',
        reason: `No WMS product with barcode ${item.barcode ?? ''}, and a product cannot be created without a SKU`,
      };
    }
    return { outcome: 'created', reason: null };
  }

  private async create(manager: EntityManager, items: ShopifyCatalogItem[], results: MatchResult[]): Promise<void> {
    if (items.length === 0) {
      return;
    }
    const created = await this.warehouse.createProducts(
      items.map((i) => ({ sku: i.sku as string, barcode: i.barcode ?? null, name: i.title.slice(0, 500) || (i.sku as string) })),
      manager,
    );
    const idBySku = new Map(created.map((c) => [c.sku, c.id]));
    for (const result of results) {
      if (result.outcome !== 'created') {
        continue;
      }
      const id = idBySku.get(result.item.sku as string);
      if (id) {
        result.productId = id;
        result.reason = `created from ${result.item.title}`;
        this.mappedProducts.set(id, result.item.externalId);
      } else {
        result.outcome = 'skipped';
        result.reason = `A WMS product with SKU ${result.item.sku ?? ''} appeared during the sync; the next run maps it`;
      }
    }
  }
}

function describe(item: ShopifyCatalogItem): string {
  return [item.sku ? `SKU ${item.sku}` : null, item.barcode ? `barcode ${item.barcode}` : null].filter(Boolean).join(' or ');
}
