import type { WarehousePort } from '@gantry/core';
import type { EntityManager } from 'typeorm';
import type { ShopifyCatalogItem } from '../shopify-channel.adapter';
import { SeenSkuFilter } from './seen-sku.filter';

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

/** The store's existing mappings among some variants or products (ChannelProductMappingService.mappedAmong, bound to a store). */
export type MappedAmong = (
  query: { externalIds: string[]; productIds: string[] },
  manager: EntityManager,
) => Promise<{ externalId: string; productId: string }[]>;

/** The variant this run recorded first with each of these SKUs (SyncRunService.firstRefsBySku, bound to the run). */
export type FirstRecorded = (skus: string[], manager: EntityManager) => Promise<Map<string, string | null>>;

/**
 * Matches one page of variants to WMS products (by SKU, then by barcode). What the store maps already is asked per
 * page (earlier pages' mappings are committed by then), and so is the first variant of a SKU read again (earlier
 * pages' items are recorded by then): memory does not grow with the catalog but for 4 bytes a SKU (SeenSkuFilter).
 */
export class ProductMatcher {
  private readonly seen = new SeenSkuFilter();

  constructor(
    private readonly warehouse: WarehousePort,
    private readonly mappedAmong: MappedAmong,
    private readonly firstRecorded: FirstRecorded,
    private readonly createMissing: boolean,
  ) {}

  async matchPage(manager: EntityManager, items: ShopifyCatalogItem[]): Promise<MatchResult[]> {
    const firstBySku = await this.firstUsers(manager, items);
    const mapped = new Set(
      (await this.mappedAmong({ externalIds: items.map((i) => i.externalId), productIds: [] }, manager)).map((m) => m.externalId),
    );
    const results: MatchResult[] = [];
    const pending = new Set<MatchResult>();
    for (const item of items) {
      const decided = this.precheck(item, firstBySku, mapped);
      if (decided) {
        results.push(decided);
      } else {
        const result: MatchResult = { item, outcome: 'skipped', reason: null };
        pending.add(result);
        results.push(result);
      }
    }
    if (pending.size === 0) {
      return results;
    }
    const skus = [...pending].map((r) => r.item.sku).filter((s): s is string => !!s);
    const barcodes = [...pending].map((r) => r.item.barcode).filter((b): b is string => !!b);
    const rows: ProductRow[] = await this.warehouse.findProducts({ skus, barcodes }, manager);
    const bySku = new Map(rows.map((r) => [r.sku, r]));
    const byBarcode = new Map<string, ProductRow[]>();
    for (const row of rows) {
      if (row.barcode) {
        byBarcode.set(row.barcode, [...(byBarcode.get(row.barcode) ?? []), row]);
      }
    }
    // Products already mapped (by an earlier run or page), and those this page maps as it goes.
    const holders = new Map(
      rows.length === 0
        ? []
        : (await this.mappedAmong({ externalIds: [], productIds: rows.map((r) => r.id) }, manager)).map((m) => [m.productId, m.externalId]),
    );
    const toCreate: ShopifyCatalogItem[] = [];
    for (const result of pending) {
      Object.assign(result, this.matchOne(result.item, bySku, byBarcode, holders));
      if (result.outcome === 'created') {
        toCreate.push(result.item);
      }
    }
    await this.create(manager, toCreate, results);
    return results;
  }

  /** The first variant of the run with each SKU of the page: this page's first, unless an earlier page recorded one. */
  private async firstUsers(manager: EntityManager, items: ShopifyCatalogItem[]): Promise<Map<string, string>> {
    const first = new Map<string, string>();
    const readBefore: string[] = [];
    for (const item of items) {
      if (!item.sku || first.has(item.sku)) {
        continue;
      }
      first.set(item.sku, item.externalId);
      if (this.seen.add(item.sku)) {
        readBefore.push(item.sku);
      }
    }
    if (readBefore.length > 0) {
      for (const [sku, ref] of await this.firstRecorded(readBefore, manager)) {
        if (ref) {
          first.set(sku, ref);
        }
      }
    }
    return first;
  }

  private precheck(item: ShopifyCatalogItem, firstBySku: Map<string, string>, mapped: Set<string>): MatchResult | null {
    if (item.sku) {
      const first = firstBySku.get(item.sku);
      if (first && first !== item.externalId) {
        return {
          item,
          outcome: 'skipped',
          reason: `SKU ${item.sku} is used by two Shopify variants, ${first} and ${item.externalId}: only the first is mapped`,
        };
      }
    }
    if (mapped.has(item.externalId)) {
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
    holders: Map<string, string>,
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
      const holder = holders.get(product.id);
      if (holder) {
        return { outcome: 'skipped', reason: `WMS product ${product.sku} is already mapped to variant ${holder}` };
      }
      holders.set(product.id, item.externalId);
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
