import { InventoryLedger } from '../state/inventory-ledger';
import { LineQuantities } from '../state/line-quantities';
import type { SandboxStore } from '../state/sandbox-store';
import type { FulfillmentOrderRecord, FulfillmentRecord, OrderRecord, ShopData, TrackingRecord } from '../state/shop-records';
import { WebhookPayloads } from '../webhooks/webhook-payloads';
import { OrderViews } from './order.views';
import type { ResolverContext } from './resolver-context';

/** Shared order-side state transitions: fulfilling, announcing order changes. */
export class FulfillmentWorkflow {
  constructor(
    private readonly store: SandboxStore,
    private readonly shop: ShopData,
    private readonly ctx: ResolverContext,
  ) {}

  announceOrder(order: OrderRecord, ...topics: string[]): void {
    const body = WebhookPayloads.order(this.shop, order, OrderViews.fulfilledByLine(this.ctx, order.id));
    for (const topic of topics) {
      this.store.emit(this.shop.domain, topic, body);
    }
  }

  /** Fulfils the given quantities of one fulfillment order (all remaining when `lines` is empty). */
  fulfill(
    fos: { fo: FulfillmentOrderRecord; lines: { id: string; quantity: number }[] }[],
    tracking: TrackingRecord[],
    notifyCustomer: boolean,
  ): FulfillmentRecord {
    const first = fos[0]?.fo;
    const order = this.shop.orders[first.orderId];
    const now = this.store.isoNow();
    const count = Object.values(this.shop.fulfillments).filter((f) => f.orderId === order.id).length;
    const fulfillment: FulfillmentRecord = {
      id: this.store.nextId(),
      orderId: order.id,
      locationId: first.locationId,
      name: `${order.name}-F${count + 1}`,
      status: 'SUCCESS',
      trackingInfo: tracking,
      notifyCustomer,
      lineItems: [],
      fulfillmentOrderIds: fos.map((x) => x.fo.id),
      createdAt: now,
      updatedAt: now,
    };
    const ledger = new InventoryLedger(this.store, this.shop);
    for (const { fo, lines } of fos) {
      const wanted = lines.length > 0 ? lines : fo.lineItems.map((l) => ({ id: l.id, quantity: l.remainingQuantity }));
      for (const want of wanted) {
        const line = fo.lineItems.find((l) => l.id === want.id);
        if (!line || want.quantity <= 0) {
          continue;
        }
        const quantity = Math.min(want.quantity, line.remainingQuantity);
        line.remainingQuantity -= quantity;
        // Lines of several fulfillment orders for one order line make one fulfillment line item.
        const same = fulfillment.lineItems.find((x) => x.lineItemId === line.lineItemId);
        if (same) {
          same.quantity += quantity;
        } else {
          fulfillment.lineItems.push({ id: this.store.nextId(), lineItemId: line.lineItemId, quantity });
        }
        const itemId = this.trackedItem(order, line.lineItemId);
        if (itemId && order.inventoryClaimed) {
          // Shipping consumes committed stock, so on_hand drops while available stays.
          ledger.adjust(itemId, fo.locationId, 'committed', -quantity);
        }
      }
      fo.status = fo.lineItems.every((l) => l.remainingQuantity === 0) ? 'CLOSED' : 'IN_PROGRESS';
      fo.updatedAt = now;
    }
    this.shop.fulfillments[fulfillment.id] = fulfillment;
    const done = OrderViews.fulfilledByLine(this.ctx, order.id);
    const all = order.lineItems.every((li) => (done.get(li.id) ?? 0) >= LineQuantities.current(li));
    order.fulfillmentStatus = all ? 'FULFILLED' : 'PARTIALLY_FULFILLED';
    order.updatedAt = now;
    this.store.emit(this.shop.domain, 'fulfillments/create', WebhookPayloads.fulfillment(this.shop, fulfillment));
    this.announceOrder(order, all ? 'orders/fulfilled' : 'orders/partially_fulfilled', 'orders/updated');
    return fulfillment;
  }

  trackedItem(order: OrderRecord, lineItemId: string): string | null {
    const li = order.lineItems.find((l) => l.id === lineItemId);
    const variant = li?.variantId ? this.shop.variants[li.variantId] : undefined;
    const item = variant ? this.shop.inventoryItems[variant.inventoryItemId] : undefined;
    return item?.tracked ? item.id : null;
  }
}
