import { Money } from '../common/money';
import { InventoryLedger } from '../state/inventory-ledger';
import { LineQuantities } from '../state/line-quantities';
import type { FulfillmentOrderRecord, LineItemRecord, OrderEditRecord, OrderRecord } from '../state/shop-records';
import { OrderEditPayloads } from '../webhooks/order-edit.payloads';
import { FulfillmentWorkflow } from './fulfillment.workflow';
import { OrderViews } from './order.views';
import type { ResolverContext } from './resolver-context';

/** One line of a calculated order: an existing line item (id = its id) or a staged variant addition. */
export interface CalculatedLine {
  id: string;
  lineItem: LineItemRecord | null;
  variantId: string | null;
  // Staged quantity and the current quantity before the edit (0 for an added line).
  quantity: number;
  before: number;
  fulfilled: number;
  restock: boolean;
  locationId: string | null;
}

export interface LineDelta {
  id: string;
  delta: number;
}

/** Order editing state: the calculated view of a staged edit, and applying it to the order on commit. */
export class OrderEditWorkflow {
  constructor(private readonly ctx: ResolverContext) {}

  static edits(ctx: ResolverContext): Record<string, OrderEditRecord> {
    ctx.shop.orderEdits ??= {};
    return ctx.shop.orderEdits;
  }

  /** Lines still on the order (current quantity above zero) with the staged changes, then the added variants. */
  lines(edit: OrderEditRecord): CalculatedLine[] {
    const order = this.ctx.shop.orders[edit.orderId];
    const done = OrderViews.fulfilledByLine(this.ctx, edit.orderId);
    const existing = (order?.lineItems ?? [])
      .filter((li) => LineQuantities.current(li) > 0)
      .map((li) => {
        const before = LineQuantities.current(li);
        const change = edit.changes[li.id];
        return {
          id: li.id,
          lineItem: li,
          variantId: li.variantId,
          quantity: change?.quantity ?? before,
          before,
          fulfilled: done.get(li.id) ?? 0,
          restock: change?.restock ?? false,
          locationId: null,
        };
      });
    const added = edit.added.map((a) => ({
      id: a.id,
      lineItem: null,
      variantId: a.variantId,
      quantity: a.quantity,
      before: 0,
      fulfilled: 0,
      restock: false,
      locationId: a.locationId,
    }));
    return [...existing, ...added];
  }

  price(line: CalculatedLine): string {
    return line.lineItem?.price ?? this.ctx.shop.variants[line.variantId ?? '']?.price ?? '0.00';
  }

  subtotal(edit: OrderEditRecord): string {
    return Money.sum(this.lines(edit).map((l) => Money.format(Number(this.price(l)) * l.quantity)));
  }

  /** Applies the staged edit: line quantities, fulfillment orders, inventory, statuses, then the webhooks. */
  commit(edit: OrderEditRecord, notifyCustomer: boolean, staffNote: string | null): OrderRecord {
    const shop = this.ctx.shop;
    const order = shop.orders[edit.orderId];
    const totalBefore = Number(OrderViews.totals(order).total);
    const now = this.ctx.store.isoNow();
    const additions: LineDelta[] = [];
    const removals: LineDelta[] = [];
    for (const line of this.lines(edit)) {
      const delta = line.quantity - line.before;
      if (line.lineItem && delta < 0) {
        this.remove(order, line.lineItem, -delta, line.restock, now);
        removals.push({ id: line.lineItem.id, delta: -delta });
      } else if (line.lineItem && delta > 0) {
        // Added units are ordered units too, so `quantity` grows with `currentQuantity`.
        this.scaleTaxes(line.lineItem, line.before + delta, line.before);
        line.lineItem.quantity += delta;
        line.lineItem.currentQuantity = line.before + delta;
        this.assign(order, line.lineItem, delta, this.locationOf(order, line.lineItem.id), now);
        additions.push({ id: line.lineItem.id, delta });
      } else if (!line.lineItem && line.quantity > 0) {
        const li = this.newLine(line);
        order.lineItems.push(li);
        this.assign(order, li, line.quantity, line.locationId ?? Object.keys(shop.locations)[0] ?? '', now);
        additions.push({ id: li.id, delta: line.quantity });
      }
    }
    const done = OrderViews.fulfilledByLine(this.ctx, order.id);
    const shipped = order.lineItems.filter((li) => (done.get(li.id) ?? 0) > 0);
    if (order.fulfillmentStatus !== 'RESTOCKED') {
      const all = order.lineItems.every((li) => (done.get(li.id) ?? 0) >= LineQuantities.current(li));
      order.fulfillmentStatus = shipped.length === 0 ? 'UNFULFILLED' : all ? 'FULFILLED' : 'PARTIALLY_FULFILLED';
    }
    // What was paid no longer covers a larger total.
    if (order.financialStatus === 'PAID' && Number(OrderViews.totals(order).total) > totalBefore) {
      order.financialStatus = 'PARTIALLY_PAID';
    }
    order.updatedAt = now;
    edit.committed = true;
    const body = OrderEditPayloads.edited(edit, { notifyCustomer, staffNote, createdAt: now, additions, removals });
    this.ctx.store.emit(shop.domain, 'orders/edited', body);
    new FulfillmentWorkflow(this.ctx.store, shop, this.ctx).announceOrder(order, 'orders/updated');
    return order;
  }

  private newLine(line: CalculatedLine): LineItemRecord {
    const variant = this.ctx.shop.variants[line.variantId ?? ''];
    const product = variant ? this.ctx.shop.products[variant.productId] : undefined;
    return {
      id: this.ctx.store.nextId(),
      variantId: variant?.id ?? null,
      productId: product?.id ?? null,
      sku: variant?.sku ?? null,
      title: product?.title ?? 'Custom item',
      variantTitle: variant && variant.title !== 'Default Title' ? variant.title : null,
      vendor: product?.vendor ?? null,
      quantity: line.quantity,
      currentQuantity: line.quantity,
      price: variant?.price ?? '0.00',
      taxable: true,
      requiresShipping: true,
      taxLines: [],
      properties: [],
    };
  }

  /** Removes unfulfilled units: from the open fulfillment orders first, releasing or writing off committed stock. */
  private remove(order: OrderRecord, li: LineItemRecord, units: number, restock: boolean, now: string): void {
    const before = LineQuantities.current(li);
    this.scaleTaxes(li, before - units, before);
    li.currentQuantity = before - units;
    const ledger = new InventoryLedger(this.ctx.store, this.ctx.shop);
    const itemId = new FulfillmentWorkflow(this.ctx.store, this.ctx.shop, this.ctx).trackedItem(order, li.id);
    let left = units;
    for (const fo of this.fulfillmentOrders(order.id).filter((f) => f.status === 'OPEN' || f.status === 'IN_PROGRESS')) {
      const line = fo.lineItems.find((l) => l.lineItemId === li.id);
      const take = Math.min(left, line?.remainingQuantity ?? 0);
      if (!line || take === 0) {
        continue;
      }
      line.remainingQuantity -= take;
      line.totalQuantity -= take;
      left -= take;
      if (itemId && order.inventoryClaimed) {
        // Same model as orderCancel: restocked units return to available, the others are written off.
        if (restock) {
          ledger.move(itemId, fo.locationId, 'committed', 'available', take);
        } else {
          ledger.adjust(itemId, fo.locationId, 'committed', -take);
        }
      }
      if (fo.lineItems.every((l) => l.remainingQuantity === 0)) {
        fo.status = 'CLOSED';
      }
      fo.updatedAt = now;
    }
  }

  /** Adds units to the open fulfillment order at the location, or to a new one there; claims stock like orderCreate. */
  private assign(order: OrderRecord, li: LineItemRecord, units: number, locationId: string, now: string): void {
    const open = (f: FulfillmentOrderRecord) => f.locationId === locationId && (f.status === 'OPEN' || f.status === 'IN_PROGRESS');
    let fo = this.fulfillmentOrders(order.id).find(open);
    if (!fo) {
      fo = { id: this.ctx.store.nextId(), orderId: order.id, locationId, status: 'OPEN', lineItems: [], createdAt: now, updatedAt: now };
      this.ctx.shop.fulfillmentOrders[fo.id] = fo;
    }
    const line = fo.lineItems.find((l) => l.lineItemId === li.id);
    if (line) {
      line.totalQuantity += units;
      line.remainingQuantity += units;
    } else {
      fo.lineItems.push({ id: this.ctx.store.nextId(), lineItemId: li.id, totalQuantity: units, remainingQuantity: units });
    }
    fo.updatedAt = now;
    const itemId = new FulfillmentWorkflow(this.ctx.store, this.ctx.shop, this.ctx).trackedItem(order, li.id);
    if (itemId && order.inventoryClaimed) {
      new InventoryLedger(this.ctx.store, this.ctx.shop).move(itemId, locationId, 'available', 'committed', units);
    }
  }

  /** Where more units of an existing line go: the location of its fulfillment orders, else the first location. */
  private locationOf(order: OrderRecord, lineItemId: string): string {
    const fos = this.fulfillmentOrders(order.id).filter((f) => f.lineItems.some((l) => l.lineItemId === lineItemId));
    const open = fos.find((f) => f.status === 'OPEN' || f.status === 'IN_PROGRESS');
    return (open ?? fos[0])?.locationId ?? Object.keys(this.ctx.shop.locations)[0] ?? '';
  }

  private fulfillmentOrders(orderId: string): FulfillmentOrderRecord[] {
    return Object.values(this.ctx.shop.fulfillmentOrders).filter((fo) => fo.orderId === orderId);
  }

  /** Line tax amounts were given for the old quantity; they follow it proportionally. */
  private scaleTaxes(li: LineItemRecord, to: number, from: number): void {
    if (from > 0) {
      li.taxLines = li.taxLines.map((t) => ({ ...t, amount: Money.format((Number(t.amount) * to) / from) }));
    }
  }
}
