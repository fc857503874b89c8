import { stringify } from 'lossless-json';
import type { OrderEditRecord } from '../state/shop-records';

const num = (id: string): bigint => BigInt(id);

export interface OrderEditedEvent {
  notifyCustomer: boolean;
  staffNote: string | null;
  createdAt: string;
  additions: { id: string; delta: number }[];
  removals: { id: string; delta: number }[];
}

/** The `orders/edited` body: Shopify's `order_edit` object, ids as exact JSON numbers like the other REST payloads. */
export class OrderEditPayloads {
  static edited(edit: OrderEditRecord, event: OrderEditedEvent): string {
    const deltas = (list: { id: string; delta: number }[]) => list.map((d) => ({ id: num(d.id), delta: d.delta }));
    return (
      stringify({
        order_edit: {
          id: num(edit.id),
          // The sandbox has no numeric app or staff ids to report.
          app_id: null,
          created_at: event.createdAt,
          notify_customer: event.notifyCustomer,
          order_id: num(edit.orderId),
          staff_note: event.staffNote ?? '',
          user_id: null,
          line_items: { additions: deltas(event.additions), removals: deltas(event.removals) },
        },
      }) ?? 'null'
    );
  }
}
