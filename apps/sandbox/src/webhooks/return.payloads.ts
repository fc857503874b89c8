import { stringify } from 'lossless-json';
import { Gid } from '../common/gid';
import type { DispositionRecord, ReturnRecord, ReverseFulfillmentOrderRecord } from '../state/shop-records';

// Numeric ids go out as exact JSON numbers (BigInt through lossless-json), like Shopify's REST payloads.
const num = (id: string | null | undefined): bigint | null => (id ? BigInt(id) : null);
const json = (value: unknown): string => stringify(value) ?? 'null';

/**
 * returns/* and reverse_fulfillment_orders/dispose bodies, each in the shape of Shopify's sample for its topic
 * (shared/shopify/webhook-samples/returns_*.json): request/approve carry the return with its lines, decline adds the
 * decline, cancel/close/reopen carry only {id, admin_graphql_api_id, order_id, status}.
 */
export class ReturnPayloads {
  private static order(r: ReturnRecord): Record<string, unknown> {
    return { id: num(r.orderId), admin_graphql_api_id: Gid.of('Order', r.orderId) };
  }

  /** returns/request and returns/approve. */
  static full(r: ReturnRecord): string {
    return json({
      id: num(r.id),
      admin_graphql_api_id: Gid.of('Return', r.id),
      status: r.status.toLowerCase(),
      order: ReturnPayloads.order(r),
      total_return_line_items: r.lineItems.length,
      name: r.name,
      return_line_items: r.lineItems.map((l) => ({
        id: num(l.id),
        admin_graphql_api_id: Gid.of('ReturnLineItem', l.id),
        fulfillment_line_item: {
          id: num(l.fulfillmentLineItemId),
          admin_graphql_api_id: Gid.of('FulfillmentLineItem', l.fulfillmentLineItemId),
        },
        quantity: l.quantity,
        return_reason: l.returnReason.toLowerCase(),
        return_reason_note: l.returnReasonNote,
        customer_note: l.customerNote,
      })),
      return_shipping_fees: [],
      exchange_line_items: [],
      total_exchange_line_items: 0,
    });
  }

  static decline(r: ReturnRecord): string {
    return json({
      id: num(r.id),
      admin_graphql_api_id: Gid.of('Return', r.id),
      status: r.status.toLowerCase(),
      order: ReturnPayloads.order(r),
      decline: r.decline ? { reason: r.decline.reason.toLowerCase(), note: r.decline.note } : null,
    });
  }

  /** returns/cancel, returns/close and returns/reopen. */
  static status(r: ReturnRecord): string {
    return json({ id: num(r.id), admin_graphql_api_id: Gid.of('Return', r.id), order_id: num(r.orderId), status: r.status.toLowerCase() });
  }

  /** reverse_fulfillment_orders/dispose: the dispositions one call made on one reverse fulfillment order. */
  static dispose(rfo: ReverseFulfillmentOrderRecord, made: { lineId: string; disposition: DispositionRecord }[]): string {
    return json({
      id: num(rfo.id),
      admin_graphql_api_id: Gid.of('ReverseFulfillmentOrder', rfo.id),
      dispositions: made.map(({ lineId, disposition: d }) => ({
        reverse_fulfillment_order_line_item: { id: num(lineId), admin_graphql_api_id: Gid.of('ReverseFulfillmentOrderLineItem', lineId) },
        reverse_delivery_line_item: null,
        type: d.type.toLowerCase(),
        location: d.locationId ? { id: num(d.locationId), admin_graphql_api_id: Gid.of('Location', d.locationId) } : null,
        quantity: d.quantity,
      })),
      total_dispositions: made.length,
    });
  }
}
