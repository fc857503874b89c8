import type { LineItemRecord } from './shop-records';

/** Shopify's two line quantities: `quantity` (ordered, incl. removed units) and `currentQuantity` (after edits). */
export class LineQuantities {
  static current(li: LineItemRecord): number {
    return li.currentQuantity ?? li.quantity;
  }
}
