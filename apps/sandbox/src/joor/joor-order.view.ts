import { JoorOrderNormalizer } from './joor-order.normalizer';
import type { JoorExportState, JoorJson, JoorOrderRecord, JoorStatus } from './joor-records';

// v2's response order_type is its own enum, not the request filter's (research §3).
const ORDER_TYPE: Record<JoorStatus, string> = {
  CANCELLED: '0',
  IN_PROGRESS: '1',
  PENDING: '3',
  APPROVED: '4',
  SHIPPED: '5',
  NOTES: '6',
};
// JOOR's numeric values for the response export_status were not found (research §9.2): the sandbox's choice.
const EXPORT_STATUS: Record<JoorExportState, string> = { NOT_ATTEMPTED: '0', SUCCESS: '1', FAILED: '2' };

/** An order as JOOR's v2 export returns it: flat snake_case, numbers as strings. */
export class JoorOrderView {
  static readonly EXPORT_STATUS = EXPORT_STATUS;

  static render(order: JoorOrderRecord): Record<string, JoorJson> {
    const out: Record<string, JoorJson> = { order_id: order.orderId, order_type: ORDER_TYPE[order.status] };
    for (const key of JoorOrderNormalizer.HEADER) {
      out[key] = order.fields[key] ?? '';
    }
    // Fields JOOR sends that the sandbox does not model (and whatever a test seeded) pass through unchanged.
    for (const [key, value] of Object.entries(order.fields)) {
      if (!(key in out) && key !== 'line_items') {
        out[key] = value;
      }
    }
    out.line_items = order.fields.line_items ?? [];
    out.export_status = EXPORT_STATUS[order.exportState];
    out.export_description = order.exportDescription;
    out.exported_on = order.exportedOn;
    return out;
  }
}
