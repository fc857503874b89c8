import type { NewWarehouseProduct, WarehousePort } from '@gantry/core';
import type { EntityManager } from 'typeorm';
import type { ShopifyCatalogItem } from '../shopify-channel.adapter';
import { ProductMatcher, type MatchResult } from './product-matcher';

interface Product {
  id: string;
  sku: string;
  barcode: string | null;
}

/** The sync's view of the database: WMS products, the store's mappings, and the run's recorded items. */
class World {
  products: Product[] = [];
  mappings: { externalId: string; productId: string }[] = [];
  recorded: { sku: string | null; ref: string }[] = [];
  firstRecordedAsked: string[][] = [];

  readonly warehouse = {
    findProducts: ({ skus, barcodes }: { skus: string[]; barcodes: string[] }) =>
      Promise.resolve(this.products.filter((p) => skus.includes(p.sku) || (p.barcode !== null && barcodes.includes(p.barcode)))),
    createProducts: (news: NewWarehouseProduct[]) =>
      Promise.resolve(
        news.map((n) => {
          const product = { id: `p-${n.sku}`, sku: n.sku, barcode: n.barcode ?? null };
          this.products.push(product);
          return product;
        }),
      ),
  } as unknown as WarehousePort;

  matcher(createMissing = true): ProductMatcher {
    return new ProductMatcher(
      this.warehouse,
      ({ externalIds, productIds }) =>
        Promise.resolve(this.mappings.filter((m) => externalIds.includes(m.externalId) || productIds.includes(m.productId))),
      (skus) => {
        this.firstRecordedAsked.push(skus);
        return Promise.resolve(
          new Map(
            skus.flatMap((s) =>
              this.recorded
                .filter((r) => r.sku === s)
                .slice(0, 1)
                .map((r) => [s, r.ref]),
            ),
          ),
        );
      },
      createMissing,
    );
  }

  /** One page as the sync service runs it: match, then commit its mappings and items. */
  async page(matcher: ProductMatcher, items: ShopifyCatalogItem[]): Promise<MatchResult[]> {
    const results = await matcher.matchPage({} as EntityManager, items);
    for (const r of results) {
      if ((r.outcome === 'mapped' || r.outcome === 'created') && r.productId) {
        this.mappings.push({ externalId: r.item.externalId, productId: r.productId });
      }
      this.recorded.push({ sku: r.item.sku, ref: r.item.externalId });
    }
    return results;
  }
}

let next = 1;
const variant = (sku: string | null, barcode: string | null = null): ShopifyCatalogItem => {
  const id = next++;
  return {
    externalId: `gid://shopify/ProductVariant/${id}`,
    externalProductId: 'gid://shopify/Product/1',
    inventoryItemId: `gid://shopify/InventoryItem/${id}`,
    sku,
    barcode,
    title: `Shirt ${sku ?? ''}`,
  };
};
const outcomes = (results: MatchResult[]) => results.map((r) => r.outcome);

describe('ProductMatcher', () => {
  it('maps by SKU, then barcode, creates the rest, and skips what it cannot decide', async () => {
    const world = new World();
    world.products.push({ id: 'p-a', sku: 'A', barcode: null }, { id: 'p-wms-b', sku: 'WMS-B', barcode: '400' });
    const results = await world.page(world.matcher(), [variant('A'), variant('SHOP-B', '400'), variant('NEW'), variant(null)]);
    expect(outcomes(results)).toEqual(['mapped', 'mapped', 'created', 'skipped']);
    expect(results.map((r) => r.reason)).toEqual([
      'by SKU A',
      'by barcode 400',
      'created from Shirt NEW',
      expect.stringContaining('neither SKU nor barcode'),
    ]);
    expect(results.map((r) => r.productId)).toEqual(['p-a', 'p-wms-b', 'p-NEW', undefined]);
  });

  it('keeps the first variant of a SKU, whether the second is on the same page or pages later', async () => {
    const world = new World();
    const matcher = world.matcher();
    const first = variant('DUP');
    const [a, b] = [variant('X'), variant('DUP')];
    expect(outcomes(await world.page(matcher, [first, a, b]))).toEqual(['created', 'created', 'skipped']);
    const later = variant('DUP');
    const [result] = await world.page(matcher, [variant('Y'), later].slice(1));
    expect(result).toMatchObject({ outcome: 'skipped', reason: expect.stringContaining(`${first.externalId} and ${later.externalId}`) });
    // Only SKUs read before are looked up in the run's items, not the whole page.
    expect(world.firstRecordedAsked).toEqual([['DUP']]);
  });

  it('a SKU whose hash only looks seen is not a duplicate: the run recorded no variant with it', async () => {
    const world = new World();
    const matcher = world.matcher(false);
    await world.page(matcher, [variant('K')]);
    // A recorded item was lost to the filter's view (as when two SKUs share a hash): the run's items decide.
    world.recorded = [];
    const [result] = await world.page(matcher, [variant('K')]);
    expect(result?.reason).toBe('No WMS product with SKU K, and createMissingProducts is off');
    expect(world.firstRecordedAsked).toEqual([['K']]);
  });

  it('leaves mapped variants unchanged and never maps a product a variant already holds, from earlier runs or pages', async () => {
    const world = new World();
    world.products.push({ id: 'p-held', sku: 'HELD', barcode: '777' });
    const kept = variant('RENAMED');
    world.mappings.push({ externalId: kept.externalId, productId: 'p-held' });
    const matcher = world.matcher();
    const results = await world.page(matcher, [kept, variant('HELD'), variant('OTHER', '777')]);
    expect(outcomes(results)).toEqual(['unchanged', 'skipped', 'skipped']);
    expect(results[1]?.reason).toBe(`WMS product HELD is already mapped to variant ${kept.externalId}`);

    // Two variants of one page reaching the same product by barcode: the first maps it.
    world.products.push({ id: 'p-bc', sku: 'BC', barcode: '888' });
    const page = await world.page(matcher, [variant('S1', '888'), variant('S2', '888')]);
    expect(outcomes(page)).toEqual(['mapped', 'skipped']);
    // And a later page finds the mapping the earlier one committed.
    expect(outcomes(await world.page(matcher, [variant('S3', '888')]))).toEqual(['skipped']);
  });

  it('with createMissing off, skips unmatched variants with the reason', async () => {
    const world = new World();
    const [result] = await world.page(world.matcher(false), [variant('MISSING', '999')]);
    expect(result).toMatchObject({
      outcome: 'skipped',
      reason: 'No WMS product with SKU MISSING or barcode 999, and createMissingProducts is off',
    });
  });
});
