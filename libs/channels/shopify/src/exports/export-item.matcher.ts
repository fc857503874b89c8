import type { WholesaleItemRef } from '@gantry/core';

/** Inventory of a variant's item as read for an export: one level (at a location) or all levels (summed). */
export interface ExportInventoryNode {
  id?: string;
  tracked: boolean;
  inventoryLevel?: { quantities: { quantity: number }[] } | null;
  inventoryLevels?: {
    nodes: { location: { isActive: boolean } | null; quantities: { quantity: number }[] }[];
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
  };
}

/** A variant as the resolution reads it; `inventoryItem` only when availability was read with it. */
export interface ExportVariantNode {
  id: string;
  sku: string | null;
  barcode: string | null;
  selectedOptions: { value: string }[];
  inventoryItem?: ExportInventoryNode | null;
}

/** What the reads found, by the rule that uses it. */
export interface ExportItemCandidates {
  /** Rule 1: variants by GID (from numeric UPCs). */
  byId: Map<string, ExportVariantNode>;
  /** Rule 2: variants whose barcode was searched. */
  byBarcode: ExportVariantNode[];
  /** Rule 3: each product's variants, by product GID. */
  byProduct: Map<string, ExportVariantNode[]>;
  /** Rule 4: variants whose SKU was searched. */
  bySku: ExportVariantNode[];
}

const VARIANT_GID = 'gid://shopify/ProductVariant/';
const PRODUCT_GID = 'gid://shopify/Product/';
// Shopify ids are 64-bit: a longer number (a long barcode) is no id, and asking for it would fail the whole query.
const INT64_MAX = 9223372036854775807n;

const norm = (value: string | null | undefined): string | null => value?.trim().toLowerCase() || null;

function legacyId(value: string | null, prefix: string): string | null {
  const v = value?.trim() ?? '';
  if (v.startsWith(prefix) && /^\d+$/.test(v.slice(prefix.length))) {
    return v;
  }
  return /^[1-9]\d{0,18}$/.test(v) && BigInt(v) <= INT64_MAX ? `${prefix}${v}` : null;
}

/** The one candidate left, or none when there are none or several (a guess could ship the wrong item). */
function only(candidates: ExportVariantNode[]): ExportVariantNode | null {
  const distinct = new Map(candidates.map((c) => [c.id, c]));
  return distinct.size === 1 ? ([...distinct.values()][0] ?? null) : null;
}

/**
 * How a wholesale item reference names a Shopify variant (research §8.2), in order: (1) the UPC is the variant's id,
 * (2) the UPC is its barcode, (3) the style identifier is its product's id and colour and size are among its option
 * values (a product of one variant needs none), (4) its SKU is the reference's SKU, else its style number. Pure.
 */
export class ExportItemMatcher {
  /** The variant GID a UPC names when it is a Shopify id (JOOR's default: "Style UPC = internal variant id"). */
  static upcVariantId(ref: WholesaleItemRef): string | null {
    return legacyId(ref.upc, VARIANT_GID);
  }

  /** The product GID a style identifier names (JOOR's Shopify integration uses the product id). */
  static productId(ref: WholesaleItemRef): string | null {
    return legacyId(ref.styleIdentifier, PRODUCT_GID);
  }

  static barcode(ref: WholesaleItemRef): string | null {
    return ref.upc?.trim() || null;
  }

  /** The SKUs to search, the reference's own first. */
  static skus(ref: WholesaleItemRef): string[] {
    return [...new Set([ref.sku?.trim(), ref.styleNumber?.trim()].filter((s): s is string => !!s))];
  }

  /** Rules 1 and 2: the variant the UPC names, if any (when none, the product and SKU reads are needed). */
  static byUpc(ref: WholesaleItemRef, found: ExportItemCandidates): ExportVariantNode | null {
    const id = ExportItemMatcher.upcVariantId(ref);
    const byId = id ? found.byId.get(id) : undefined;
    if (byId) {
      return byId;
    }
    const barcode = norm(ExportItemMatcher.barcode(ref));
    return barcode ? only(found.byBarcode.filter((v) => norm(v.barcode) === barcode)) : null;
  }

  static match(ref: WholesaleItemRef, found: ExportItemCandidates): ExportVariantNode | null {
    const upc = ExportItemMatcher.byUpc(ref, found);
    if (upc) {
      return upc;
    }
    const productId = ExportItemMatcher.productId(ref);
    const variants = productId ? found.byProduct.get(productId) : undefined;
    const byOptions = variants ? ExportItemMatcher.byOptions(ref, variants) : null;
    if (byOptions) {
      return byOptions;
    }
    for (const sku of ExportItemMatcher.skus(ref)) {
      const hit = only(found.bySku.filter((v) => norm(v.sku) === norm(sku)));
      if (hit) {
        return hit;
      }
    }
    return null;
  }

  /** The variant whose option values include the reference's colour and size (case-insensitive). */
  static byOptions(ref: WholesaleItemRef, variants: ExportVariantNode[]): ExportVariantNode | null {
    if (variants.length === 1) {
      return variants[0] ?? null;
    }
    const wanted = [norm(ref.color), norm(ref.size)].filter((w): w is string => w !== null);
    if (wanted.length === 0) {
      return null;
    }
    return only(
      variants.filter((v) => {
        const values = new Set(v.selectedOptions.map((o) => norm(o.value)));
        return wanted.every((w) => values.has(w));
      }),
    );
  }

  /**
   * Units available: at the location when one was read, else summed over active locations; null when Shopify does not
   * track the item; undefined when the read did not include inventory.
   */
  static available(item: ExportInventoryNode | null | undefined): number | null | undefined {
    if (item === undefined) {
      return undefined;
    }
    if (item === null || !item.tracked) {
      return null;
    }
    if (item.inventoryLevels) {
      return item.inventoryLevels.nodes
        .filter((l) => l.location?.isActive !== false)
        .reduce((sum, l) => sum + (l.quantities[0]?.quantity ?? 0), 0);
    }
    // Not stocked at the location: nothing there.
    return item.inventoryLevel?.quantities[0]?.quantity ?? 0;
  }
}
