import { createHash } from 'node:crypto';
import { stringify } from 'lossless-json';
import { Gid } from '../common/gid';
import type { FulfillmentHoldRecord, FulfillmentOrderRecord } from '../state/shop-records';

const json = (value: unknown): string => stringify(value) ?? 'null';

/**
 * Bodies of the fulfillment_orders/* and fulfillment_holds/* topics. Unlike the REST-shaped order payloads these carry
 * GraphQL ids and lower-case enum values (Shopify's samples for the topics, e.g. placed_on_hold:
 * {fulfillment_order, remaining_fulfillment_order, held_fulfillment_order_line_items, created_fulfillment_hold}).
 */
export class FulfillmentOrderPayloads {
  /** Apps are not modelled as records; the id is derived from the API key so it is stable per app. */
  static appGid(apiKey: string): string {
    return Gid.of('App', BigInt(`0x${createHash('sha256').update(apiKey).digest('hex').slice(0, 12)}`).toString());
  }

  static hold(h: FulfillmentHoldRecord): Record<string, unknown> {
    return {
      id: Gid.of('FulfillmentHold', h.id),
      reason: h.reason.toLowerCase(),
      reason_notes: h.reasonNotes,
      // A webhook is not a request of an app, so no hold is held by the requesting app.
      held_by_requesting_app: false,
      handle: h.handle,
      held_by_app: h.apiKey ? { id: FulfillmentOrderPayloads.appGid(h.apiKey) } : null,
    };
  }

  private static brief(fo: FulfillmentOrderRecord): Record<string, unknown> {
    return { id: Gid.of('FulfillmentOrder', fo.id), status: fo.status.toLowerCase() };
  }

  static placedOnHold(
    fo: FulfillmentOrderRecord,
    created: FulfillmentHoldRecord,
    remaining: FulfillmentOrderRecord | null,
    held: { id: string; quantity: number }[],
  ): string {
    return json({
      fulfillment_order: {
        ...FulfillmentOrderPayloads.brief(fo),
        fulfillment_holds: (fo.holds ?? []).map((h) => FulfillmentOrderPayloads.hold(h)),
      },
      remaining_fulfillment_order: remaining ? FulfillmentOrderPayloads.brief(remaining) : null,
      held_fulfillment_order_line_items: held.map((l) => ({ id: Gid.of('FulfillmentOrderLineItem', l.id), quantity: l.quantity })),
      created_fulfillment_hold: FulfillmentOrderPayloads.hold(created),
    });
  }

  static holdReleased(fo: FulfillmentOrderRecord): string {
    return json({ fulfillment_order: FulfillmentOrderPayloads.brief(fo) });
  }

  /** fulfillment_holds/added and fulfillment_holds/released: one per hold. */
  static holdEvent(fo: FulfillmentOrderRecord, h: FulfillmentHoldRecord): string {
    return json({ fulfillment_order: { id: Gid.of('FulfillmentOrder', fo.id) }, fulfillment_hold: FulfillmentOrderPayloads.hold(h) });
  }

  static moved(
    original: FulfillmentOrderRecord,
    moved: FulfillmentOrderRecord,
    sourceLocationId: string,
    requested: { id: string; quantity: number }[],
  ): string {
    const located = (fo: FulfillmentOrderRecord) => ({
      ...FulfillmentOrderPayloads.brief(fo),
      assigned_location_id: Gid.of('Location', fo.locationId),
    });
    return json({
      original_fulfillment_order: located(original),
      moved_fulfillment_order: located(moved),
      destination_location_id: Gid.of('Location', moved.locationId),
      fulfillment_order_line_items_requested: requested.map((l) => ({
        id: Gid.of('FulfillmentOrderLineItem', l.id),
        quantity: l.quantity,
      })),
      source_location: { id: Gid.of('Location', sourceLocationId) },
    });
  }
}
