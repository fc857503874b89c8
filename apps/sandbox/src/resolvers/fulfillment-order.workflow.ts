import { InventoryLedger } from '../state/inventory-ledger';
import type { FulfillmentHoldRecord, FulfillmentOrderRecord } from '../state/shop-records';
import { FulfillmentOrderPayloads } from '../webhooks/fulfillment-order.payloads';
import { FulfillmentWorkflow } from './fulfillment.workflow';
import type { ResolverContext } from './resolver-context';

export interface HoldInput {
  reason: string;
  reasonNotes: string | null;
  handle: string;
  externalId: string | null;
}

/**
 * State changes of fulfillment orders: holds, their release and moves, with the ids Shopify keeps (captured on 2026-04):
 * - a partial hold keeps the original fulfillment order (and its line ids) for the held quantities and splits the rest
 *   into a new OPEN fulfillment order; releasing the last hold merges that remainder back and closes it (hidden);
 * - moving every unfulfilled unit of an untouched fulfillment order reassigns it (same ids); moving part of it, or a
 *   fulfillment order with fulfilled units, creates a new fulfillment order at the destination with new line ids while
 *   the original keeps the rest (CLOSED when nothing is left to fulfil).
 */
export class FulfillmentOrderWorkflow {
  constructor(private readonly ctx: ResolverContext) {}

  private emit(topic: string, body: string): void {
    this.ctx.store.emit(this.ctx.shop.domain, topic, body);
  }

  /** Moves `take` (fulfillment order line id → units) into a new fulfillment order at the location; new line ids. */
  private carve(fo: FulfillmentOrderRecord, take: Map<string, number>, locationId: string): FulfillmentOrderRecord {
    const now = this.ctx.store.isoNow();
    const carved: FulfillmentOrderRecord = {
      id: this.ctx.store.nextId(),
      orderId: fo.orderId,
      locationId,
      status: 'OPEN',
      lineItems: [],
      createdAt: now,
      updatedAt: now,
    };
    for (const line of fo.lineItems) {
      const units = Math.min(take.get(line.id) ?? 0, line.remainingQuantity);
      if (units <= 0) {
        continue;
      }
      line.totalQuantity -= units;
      line.remainingQuantity -= units;
      carved.lineItems.push({ id: this.ctx.store.nextId(), lineItemId: line.lineItemId, totalQuantity: units, remainingQuantity: units });
    }
    // Lines left without any unit are gone from the original (those with fulfilled units stay).
    fo.lineItems = fo.lineItems.filter((l) => l.totalQuantity > 0);
    this.ctx.shop.fulfillmentOrders[carved.id] = carved;
    return carved;
  }

  hold(
    fo: FulfillmentOrderRecord,
    input: HoldInput,
    lines: { id: string; quantity: number }[],
  ): { hold: FulfillmentHoldRecord; remaining: FulfillmentOrderRecord | null } {
    const now = this.ctx.store.isoNow();
    let remaining: FulfillmentOrderRecord | null = null;
    if (lines.length > 0) {
      const held = new Map(lines.map((l) => [l.id, l.quantity]));
      const rest = new Map(fo.lineItems.map((l) => [l.id, l.remainingQuantity - (held.get(l.id) ?? 0)]));
      if ([...rest.values()].some((q) => q > 0)) {
        remaining = this.carve(fo, rest, fo.locationId);
        fo.holdRemainderId = remaining.id;
      }
    }
    const hold: FulfillmentHoldRecord = {
      id: this.ctx.store.nextId(),
      apiKey: this.ctx.token.staff ? null : this.ctx.token.apiKey,
      handle: input.handle,
      reason: input.reason,
      reasonNotes: input.reasonNotes,
      externalId: input.externalId,
      createdAt: now,
    };
    const first = fo.status !== 'ON_HOLD';
    if (first) {
      fo.statusBeforeHold = fo.status === 'IN_PROGRESS' ? 'IN_PROGRESS' : 'OPEN';
      fo.status = 'ON_HOLD';
    }
    fo.holds = [...(fo.holds ?? []), hold];
    fo.updatedAt = now;
    this.emit('fulfillment_holds/added', FulfillmentOrderPayloads.holdEvent(fo, hold));
    if (first) {
      const heldLines = fo.lineItems.filter((l) => l.remainingQuantity > 0).map((l) => ({ id: l.id, quantity: l.remainingQuantity }));
      this.emit('fulfillment_orders/placed_on_hold', FulfillmentOrderPayloads.placedOnHold(fo, hold, remaining, heldLines));
    }
    return { hold, remaining };
  }

  /** Releases the given holds; when none is left the fulfillment order resumes and a partial hold's remainder merges back. */
  release(fo: FulfillmentOrderRecord, released: FulfillmentHoldRecord[]): void {
    const now = this.ctx.store.isoNow();
    const gone = new Set(released.map((h) => h.id));
    fo.holds = (fo.holds ?? []).filter((h) => !gone.has(h.id));
    fo.updatedAt = now;
    for (const h of released) {
      this.emit('fulfillment_holds/released', FulfillmentOrderPayloads.holdEvent(fo, h));
    }
    if (fo.holds.length > 0 || fo.status !== 'ON_HOLD') {
      return;
    }
    fo.status = fo.statusBeforeHold ?? 'OPEN';
    delete fo.statusBeforeHold;
    const remainder = fo.holdRemainderId ? this.ctx.shop.fulfillmentOrders[fo.holdRemainderId] : undefined;
    delete fo.holdRemainderId;
    if (
      remainder &&
      remainder.status === 'OPEN' &&
      remainder.locationId === fo.locationId &&
      remainder.lineItems.every((l) => l.remainingQuantity === l.totalQuantity)
    ) {
      for (const l of remainder.lineItems) {
        const into = fo.lineItems.find((x) => x.lineItemId === l.lineItemId);
        if (into) {
          into.totalQuantity += l.remainingQuantity;
          into.remainingQuantity += l.remainingQuantity;
        } else {
          fo.lineItems.push({
            id: this.ctx.store.nextId(),
            lineItemId: l.lineItemId,
            totalQuantity: l.totalQuantity,
            remainingQuantity: l.remainingQuantity,
          });
        }
        l.totalQuantity = 0;
        l.remainingQuantity = 0;
      }
      remainder.status = 'CLOSED';
      remainder.hidden = true;
      remainder.updatedAt = now;
    }
    this.emit('fulfillment_orders/hold_released', FulfillmentOrderPayloads.holdReleased(fo));
  }

  move(
    fo: FulfillmentOrderRecord,
    destinationId: string,
    requested: { id: string; quantity: number }[] | null,
  ): { moved: FulfillmentOrderRecord; original: FulfillmentOrderRecord; remaining: FulfillmentOrderRecord | null } {
    const now = this.ctx.store.isoNow();
    const sourceId = fo.locationId;
    const take = requested
      ? new Map(requested.map((l) => [l.id, l.quantity]))
      : new Map(fo.lineItems.filter((l) => l.remainingQuantity > 0).map((l) => [l.id, l.remainingQuantity]));
    this.moveCommitted(fo, take, sourceId, destinationId);
    const whole = fo.lineItems.every((l) => l.remainingQuantity === l.totalQuantity && (take.get(l.id) ?? 0) === l.remainingQuantity);
    let moved: FulfillmentOrderRecord;
    let remaining: FulfillmentOrderRecord | null = null;
    if (whole) {
      fo.locationId = destinationId;
      moved = fo;
    } else {
      moved = this.carve(fo, take, destinationId);
      if (fo.status === 'ON_HOLD') {
        // The moved units stay held: the new fulfillment order carries copies of the holds.
        moved.status = 'ON_HOLD';
        moved.statusBeforeHold = 'OPEN';
        moved.holds = (fo.holds ?? []).map((h) => ({ ...h, id: this.ctx.store.nextId() }));
      }
      if (fo.lineItems.every((l) => l.remainingQuantity === 0)) {
        fo.status = 'CLOSED';
        fo.hidden = fo.lineItems.length === 0;
      }
      remaining = fo;
    }
    fo.updatedAt = now;
    moved.updatedAt = now;
    const requestedLines = requested ?? [];
    this.emit('fulfillment_orders/moved', FulfillmentOrderPayloads.moved(fo, moved, sourceId, requestedLines));
    return { moved, original: fo, remaining };
  }

  /** Committed stock of claimed orders follows the units to the location that will ship them (on_hand unchanged). */
  private moveCommitted(fo: FulfillmentOrderRecord, take: Map<string, number>, from: string, to: string): void {
    const order = this.ctx.shop.orders[fo.orderId];
    if (!order?.inventoryClaimed) {
      return;
    }
    const ledger = new InventoryLedger(this.ctx.store, this.ctx.shop);
    const workflow = new FulfillmentWorkflow(this.ctx.store, this.ctx.shop, this.ctx);
    for (const line of fo.lineItems) {
      const units = Math.min(take.get(line.id) ?? 0, line.remainingQuantity);
      const itemId = workflow.trackedItem(order, line.lineItemId);
      if (itemId && units > 0) {
        ledger.move(itemId, from, 'committed', 'available', units);
        ledger.move(itemId, to, 'available', 'committed', units);
      }
    }
  }
}
