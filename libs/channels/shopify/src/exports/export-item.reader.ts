import { Injectable } from '@nestjs/common';
import type { ChannelContext, ExportItemResolution, WholesaleItemRef } from '@gantry/core';
import { ShopifyGraphqlClient } from '../graphql/shopify-graphql.client';
import { ExportItemMatcher, type ExportInventoryNode, type ExportItemCandidates, type ExportVariantNode } from './export-item.matcher';
import { OrderExportMapper } from './order-export.mapper';

// Chunks keep each query's requested cost under 1,000 even if Shopify prices nodes(ids:) per id: a variant costs 2
// (+3 with its level at a location), a product with 100 variants 203, a variant with 5 summed levels 19. Five levels
// cover most shops; an item stocked at more locations costs one more call.
const IDS_PER_QUERY = 50;
const BARCODES_PER_QUERY = 25;
const PRODUCTS_PER_QUERY = 3;
const SKUS_PER_QUERY = 25;
const PRODUCT_VARIANTS_FIRST = 100;
const LEVELS_FIRST = 5;
const AT_LOCATION_PER_QUERY = 200;
const SUMMED_PER_QUERY = 40;

const VARIANT = 'id sku barcode selectedOptions { value }';
const AT_LOCATION = 'inventoryItem { tracked inventoryLevel(locationId: $location) { quantities(names: ["available"]) { quantity } } }';
const LEVELS = 'nodes { location { isActive } quantities(names: ["available"]) { quantity } } pageInfo { hasNextPage endCursor }';
const SUMMED = `inventoryItem { id tracked inventoryLevels(first: ${LEVELS_FIRST}) { ${LEVELS} } }`;
const PAGE = 'pageInfo { hasNextPage endCursor }';

/** Rules 1 and 2 in one call; with a location, the variants come with their level there (rule 1 usually settles all). */
function upcQuery(ids: boolean, barcodes: boolean, location: boolean): string {
  const vars = [ids && '$ids: [ID!]!', barcodes && '$barcodes: String!, $first: Int!', location && '$location: ID!'].filter(Boolean);
  const fields = location ? `${VARIANT} ${AT_LOCATION}` : VARIANT;
  return `query ExportItemsByUpc(${vars.join(', ')}) {
  ${ids ? `byId: nodes(ids: $ids) { ... on ProductVariant { ${fields} } }` : ''}
  ${barcodes ? `byBarcode: productVariants(first: $first, query: $barcodes) { nodes { ${fields} } }` : ''}
}`;
}

/** Rules 3 and 4 in one call, only for what the UPC did not settle. */
function styleQuery(products: boolean, skus: boolean): string {
  const vars = [products && '$products: [ID!]!', skus && '$skus: String!, $first: Int!'].filter(Boolean);
  return `query ExportItemsByStyle(${vars.join(', ')}) {
  ${products ? `byProduct: nodes(ids: $products) { ... on Product { id variants(first: ${PRODUCT_VARIANTS_FIRST}) { nodes { ${VARIANT} } ${PAGE} } } }` : ''}
  ${skus ? `bySku: productVariants(first: $first, query: $skus) { nodes { ${VARIANT} } }` : ''}
}`;
}

const MORE_VARIANTS = `query ExportProductVariants($id: ID!, $after: String) {
  product(id: $id) { variants(first: 250, after: $after) { nodes { ${VARIANT} } ${PAGE} } }
}`;

const AVAILABLE_AT = `query ExportAvailableAt($ids: [ID!]!, $location: ID!) {
  nodes(ids: $ids) { ... on ProductVariant { id ${AT_LOCATION} } }
}`;

const AVAILABLE_SUMMED = `query ExportAvailableSummed($ids: [ID!]!) {
  nodes(ids: $ids) { ... on ProductVariant { id ${SUMMED} } }
}`;

const MORE_LEVELS = `query ExportItemLevels($id: ID!, $after: String) {
  inventoryItem(id: $id) { inventoryLevels(first: 50, after: $after) { ${LEVELS} } }
}`;

type Page<T> = { nodes: T[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
type ProductNode = { id?: string; variants?: Page<ExportVariantNode> };
type Levels = NonNullable<ExportInventoryNode['inventoryLevels']>;

const distinct = <T>(values: (T | null)[]): T[] => [...new Set(values.filter((v): v is T => v !== null))];
const orTerms = (field: string, values: string[]): string => values.map((v) => `${field}:${OrderExportMapper.searchValue(v)}`).join(' OR ');
const chunks = (count: number, size: number): number => Math.ceil(count / size);
// A search may find several variants per value (shared barcodes): room for two each.
const searchFirst = (values: string[]): number => Math.min(250, values.length * 2);

/**
 * Which variant each wholesale item reference names and what is available of it, in as few calls as possible: the UPC
 * rules for the whole order in one call, the style and SKU rules for what is left in another, availability for the
 * variants whose read did not include it in a third.
 */
@Injectable()
export class ExportItemReader {
  constructor(private readonly graphql: ShopifyGraphqlClient) {}

  async resolve(ctx: ChannelContext, refs: WholesaleItemRef[], channelLocationId: string | null): Promise<ExportItemResolution[]> {
    const location = OrderExportMapper.locationGid(channelLocationId);
    const found: ExportItemCandidates = { byId: new Map(), byBarcode: [], byProduct: new Map(), bySku: [] };
    await this.readByUpc(ctx, refs, location, found);
    const open = refs.filter((r) => !ExportItemMatcher.byUpc(r, found));
    if (open.length > 0) {
      await this.readByStyle(ctx, open, found);
    }
    const variants = refs.map((r) => ExportItemMatcher.match(r, found));
    const unread = distinct(variants.map((v) => (v && ExportItemMatcher.available(v.inventoryItem) === undefined ? v.id : null)));
    const available = await this.readAvailable(ctx, unread, location);
    return variants.map((v) => {
      if (!v) {
        return { channelItemId: null, available: null };
      }
      const read = ExportItemMatcher.available(v.inventoryItem);
      return { channelItemId: v.id, available: read === undefined ? (available.get(v.id) ?? null) : read };
    });
  }

  private async readByUpc(ctx: ChannelContext, refs: WholesaleItemRef[], location: string | null, found: ExportItemCandidates) {
    const ids = distinct(refs.map((r) => ExportItemMatcher.upcVariantId(r)));
    const barcodes = distinct(refs.map((r) => ExportItemMatcher.barcode(r)));
    const calls = Math.max(chunks(ids.length, IDS_PER_QUERY), chunks(barcodes.length, BARCODES_PER_QUERY));
    for (let k = 0; k < calls; k++) {
      const someIds = ids.slice(k * IDS_PER_QUERY, (k + 1) * IDS_PER_QUERY);
      const someBarcodes = barcodes.slice(k * BARCODES_PER_QUERY, (k + 1) * BARCODES_PER_QUERY);
      const { data } = await this.graphql.request<{ byId?: (ExportVariantNode | null)[]; byBarcode?: Page<ExportVariantNode> }>(
        ctx,
        upcQuery(someIds.length > 0, someBarcodes.length > 0, location !== null),
        {
          ...(someIds.length > 0 ? { ids: someIds } : {}),
          ...(someBarcodes.length > 0 ? { barcodes: orTerms('barcode', someBarcodes), first: searchFirst(someBarcodes) } : {}),
          ...(location ? { location } : {}),
        },
      );
      for (const node of data.byId ?? []) {
        if (node?.id) {
          found.byId.set(node.id, node);
        }
      }
      found.byBarcode.push(...(data.byBarcode?.nodes ?? []));
    }
  }

  private async readByStyle(ctx: ChannelContext, refs: WholesaleItemRef[], found: ExportItemCandidates) {
    const products = distinct(refs.map((r) => ExportItemMatcher.productId(r)));
    const skus = [...new Set(refs.flatMap((r) => ExportItemMatcher.skus(r)))];
    const calls = Math.max(chunks(products.length, PRODUCTS_PER_QUERY), chunks(skus.length, SKUS_PER_QUERY));
    for (let k = 0; k < calls; k++) {
      const someProducts = products.slice(k * PRODUCTS_PER_QUERY, (k + 1) * PRODUCTS_PER_QUERY);
      const someSkus = skus.slice(k * SKUS_PER_QUERY, (k + 1) * SKUS_PER_QUERY);
      const { data } = await this.graphql.request<{ byProduct?: (ProductNode | null)[]; bySku?: Page<ExportVariantNode> }>(
        ctx,
        styleQuery(someProducts.length > 0, someSkus.length > 0),
        {
          ...(someProducts.length > 0 ? { products: someProducts } : {}),
          ...(someSkus.length > 0 ? { skus: orTerms('sku', someSkus), first: searchFirst(someSkus) } : {}),
        },
      );
      for (const product of data.byProduct ?? []) {
        if (product?.id && product.variants) {
          found.byProduct.set(product.id, await this.allVariants(ctx, product.id, product.variants));
        }
      }
      found.bySku.push(...(data.bySku?.nodes ?? []));
    }
  }

  /** A product's variants past the first page (rare: most styles have far fewer). */
  private async allVariants(ctx: ChannelContext, id: string, page: Page<ExportVariantNode>): Promise<ExportVariantNode[]> {
    const variants = [...page.nodes];
    let { hasNextPage, endCursor } = page.pageInfo;
    while (hasNextPage) {
      const { data } = await this.graphql.request<{ product: { variants: Page<ExportVariantNode> } | null }>(ctx, MORE_VARIANTS, {
        id,
        after: endCursor,
      });
      variants.push(...(data.product?.variants.nodes ?? []));
      ({ hasNextPage, endCursor } = data.product?.variants.pageInfo ?? { hasNextPage: false, endCursor: null });
    }
    return variants;
  }

  private async readAvailable(ctx: ChannelContext, ids: string[], location: string | null): Promise<Map<string, number | null>> {
    const out = new Map<string, number | null>();
    const size = location ? AT_LOCATION_PER_QUERY : SUMMED_PER_QUERY;
    for (let i = 0; i < ids.length; i += size) {
      const { data } = await this.graphql.request<{ nodes: ({ id?: string; inventoryItem?: ExportInventoryNode } | null)[] }>(
        ctx,
        location ? AVAILABLE_AT : AVAILABLE_SUMMED,
        { ids: ids.slice(i, i + size), ...(location ? { location } : {}) },
      );
      for (const node of data.nodes) {
        if (node?.id && node.inventoryItem) {
          const item = node.inventoryItem;
          if (item.inventoryLevels?.pageInfo.hasNextPage && item.id) {
            item.inventoryLevels = await this.allLevels(ctx, item.id, item.inventoryLevels);
          }
          out.set(node.id, ExportItemMatcher.available(item) ?? null);
        }
      }
    }
    return out;
  }

  /** An item's levels past the first page (an item stocked at more than five locations). */
  private async allLevels(ctx: ChannelContext, id: string, first: Levels): Promise<Levels> {
    const nodes = [...first.nodes];
    let { hasNextPage, endCursor } = first.pageInfo;
    while (hasNextPage) {
      const { data } = await this.graphql.request<{ inventoryItem: { inventoryLevels: Levels } | null }>(ctx, MORE_LEVELS, {
        id,
        after: endCursor,
      });
      nodes.push(...(data.inventoryItem?.inventoryLevels.nodes ?? []));
      ({ hasNextPage, endCursor } = data.inventoryItem?.inventoryLevels.pageInfo ?? { hasNextPage: false, endCursor: null });
    }
    return { nodes, pageInfo: { hasNextPage: false, endCursor: null } };
  }
}
