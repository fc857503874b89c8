import type { WarehouseOrderLine } from '@gantry/core';

/** An order line as it is stored, as far as bringing it to a channel's lines is concerned. */
export interface CurrentOrderLine {
  id: string;
  externalLineId: string | null;
  sku: string;
  productId: string | null;
  quantity: number;
  shippedQuantity: number;
  reservedQuantity: number;
  problem: string | null;
}

/** A change of one line's quantity or product: what a shipment locks. `from` null: the line is new. */
export interface OrderLineChange {
  externalLineId: string;
  sku: string;
  from: { quantity: number; productId: string | null } | null;
  to: { quantity: number; productId: string | null };
}

export interface OrderLineInsert {
  externalLineId: string;
  sku: string;
  productId: string | null;
  quantity: number;
  reservedQuantity: number;
  problem: string | null;
}

export interface OrderLineUpdate {
  id: string;
  sku: string;
  productId: string | null;
  quantity: number;
  reservedQuantity: number;
  problem: string | null;
}

/** One reservation move on one product of the order's warehouse. */
export interface ReservationMove {
  productId: string;
  sku: string;
  reservedDelta: number;
}

export interface OrderLineDiff {
  /** Lines whose quantity or product differ (added, removed, changed), in the draft's order then the removed ones. */
  changes: OrderLineChange[];
  inserts: OrderLineInsert[];
  /** Every stored line that changes in any way (a changed SKU or problem text too). */
  updates: OrderLineUpdate[];
  /** The reservation moves the inserts and updates make; zero moves are left out. */
  moves: ReservationMove[];
}

/** What a line holds: all that is left to ship, when it has a product; nothing otherwise. */
export function reservationFor(productId: string | null, quantity: number, shippedQuantity: number): number {
  return productId === null ? 0 : Math.max(0, quantity - shippedQuantity);
}

/**
 * Brings stored lines to the channel's lines, matched by external line id: a changed quantity moves the reservation
 * by the difference, a product that became known reserves in full, a new line is inserted and reserved, and a line
 * absent from the channel's lines (or of quantity 0) keeps its row with quantity 0 and releases what it holds.
 * Stored lines without an external line id cannot be matched and count as absent.
 */
export function diffOrderLines(current: CurrentOrderLine[], wanted: WarehouseOrderLine[]): OrderLineDiff {
  const byExternalId = new Map(current.flatMap((l) => (l.externalLineId === null ? [] : [[l.externalLineId, l] as const])));
  const seen = new Set<string>();
  const diff: OrderLineDiff = { changes: [], inserts: [], updates: [], moves: [] };

  for (const line of wanted) {
    seen.add(line.externalLineId);
    const stored = byExternalId.get(line.externalLineId);
    if (!stored) {
      const reservedQuantity = reservationFor(line.productId, line.quantity, 0);
      diff.changes.push({ externalLineId: line.externalLineId, sku: line.sku, from: null, to: target(line) });
      diff.inserts.push({ ...line, reservedQuantity });
      addMove(diff.moves, line.productId, line.sku, reservedQuantity);
      continue;
    }
    bringTo(diff, stored, line);
  }
  for (const stored of current) {
    if (stored.externalLineId === null || !seen.has(stored.externalLineId)) {
      bringTo(diff, stored, { sku: stored.sku, productId: stored.productId, quantity: 0, problem: stored.problem });
    }
  }
  return diff;
}

/** "line L1 (SKU A) 2 → 3, line L2 (SKU B) added, line L3 (SKU C) removed", for a person reading why. */
export function describeLineChanges(changes: OrderLineChange[]): string {
  return changes
    .map((c) => {
      const name = `line ${c.externalLineId} (SKU ${c.sku})`;
      if (c.from === null) {
        return `${name} added with quantity ${c.to.quantity}`;
      }
      if (c.to.quantity === 0 && c.from.quantity > 0) {
        return `${name} removed`;
      }
      if (c.from.quantity !== c.to.quantity) {
        return `${name} quantity ${c.from.quantity} → ${c.to.quantity}`;
      }
      return c.to.productId === null ? `${name} lost its product` : `${name} now has product ${c.to.productId}`;
    })
    .join(', ');
}

/** JSON values compared by content: jsonb does not keep the order of an object's keys. */
export function sameJson(a: unknown, b: unknown): boolean {
  return canonical(a) === canonical(b);
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) {
    return `[${value.map(canonical).join(',')}]`;
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

function target(line: { quantity: number; productId: string | null }): { quantity: number; productId: string | null } {
  return { quantity: line.quantity, productId: line.productId };
}

function bringTo(
  diff: OrderLineDiff,
  stored: CurrentOrderLine,
  line: { sku: string; productId: string | null; quantity: number; problem: string | null },
): void {
  const material = stored.quantity !== line.quantity || stored.productId !== line.productId;
  if (!material && stored.sku === line.sku && stored.problem === line.problem) {
    return;
  }
  const reservedQuantity = material ? reservationFor(line.productId, line.quantity, stored.shippedQuantity) : stored.reservedQuantity;
  if (material) {
    diff.changes.push({
      externalLineId: stored.externalLineId ?? stored.id,
      sku: line.sku,
      from: target(stored),
      to: target(line),
    });
    if (stored.productId === line.productId) {
      addMove(diff.moves, line.productId, line.sku, reservedQuantity - stored.reservedQuantity);
    } else {
      addMove(diff.moves, stored.productId, stored.sku, -stored.reservedQuantity);
      addMove(diff.moves, line.productId, line.sku, reservedQuantity);
    }
  }
  diff.updates.push({
    id: stored.id,
    sku: line.sku,
    productId: line.productId,
    quantity: line.quantity,
    reservedQuantity,
    problem: line.problem,
  });
}

function addMove(moves: ReservationMove[], productId: string | null, sku: string, reservedDelta: number): void {
  if (productId !== null && reservedDelta !== 0) {
    moves.push({ productId, sku, reservedDelta });
  }
}
