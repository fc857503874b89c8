import { createHash } from 'node:crypto';

/** One quantity of a push, with the warehouse version range it carries. */
export interface PushLine {
  sku: string;
  inventoryItemId: string;
  locationId: string;
  warehouseId: string;
  productId: string;
  fromVersion: string;
  toVersion: string;
  available: number;
  /** absolute: compare-and-set base; delta: the change to apply */
  changeFromQuantity: number | null;
  delta: number;
}

/**
 * Deterministic per (store, lines, their version ranges and values): a retry or a re-send after a crash carries
 * the same key, so Shopify applies the push once; a different push can never reuse a key.
 */
export function pushIdempotencyKey(storeId: string, mode: 'absolute' | 'delta', lines: PushLine[]): string {
  const canonical = lines
    .map(
      (l) =>
        `${l.inventoryItemId}@${l.locationId}:${l.fromVersion}-${l.toVersion}:${mode === 'delta' ? l.delta : `${l.changeFromQuantity ?? 'null'}>${l.available}`}`,
    )
    .sort();
  return `gantry-${createHash('sha256')
    .update(`${storeId}|${mode}|${canonical.join(',')}`)
    .digest('hex')
    .slice(0, 40)}`;
}
