/**
 * Which item of a run can be retried, and through which API call. A run's items name the channel's ids; the retry
 * routes take Gantry's ids, so each kind reads its own list once and matches by the channel id. Pure: unit-tested.
 */
import type { Role } from '../../auth/role';

export interface RetryTarget {
  /** The POST path under /api/v1. */
  path: string;
  /** What is retried, for the button's name: "Retry order 1001". */
  label: string;
  role: Role;
}

/** The list a kind's items are matched against, or null when nothing of that kind can be retried. */
export type RetrySource = 'channel-orders' | 'channel-returns' | 'fulfillment-pushes' | 'exports';

export function retrySource(kind: string): RetrySource | null {
  switch (kind) {
    case 'order-import':
      return 'channel-orders';
    case 'return-sync':
    case 'return-reconcile':
      return 'channel-returns';
    case 'fulfillment-push':
      return 'fulfillment-pushes';
    case 'wholesale-export':
      return 'exports';
    default:
      return null;
  }
}

/** The fields of each list that matter here (the API answers more). */
export interface ChannelOrderLite {
  externalId: string;
  externalNumber: string | null;
  state: string;
  warehouseOrders: { warehouseOrderId: string }[];
}
export interface ChannelReturnLite {
  id: string;
  externalId: string;
  externalName: string | null;
  state: string;
}
export interface FulfillmentPushLite {
  id: string;
  shipmentId: string;
  state: string;
}
export interface ExportLite {
  id: string;
  sourceOrderId: string;
  status: string;
}

export type RetryRows =
  | { source: 'channel-orders'; rows: ChannelOrderLite[] }
  | { source: 'channel-returns'; rows: ChannelReturnLite[] }
  | { source: 'fulfillment-pushes'; rows: FulfillmentPushLite[] }
  | { source: 'exports'; rows: ExportLite[] };

const STUCK = new Set(['held', 'failed']);

/** Each row's channel id, and its retry when the API would take one now. */
function candidates(list: RetryRows): [string, RetryTarget | null][] {
  switch (list.source) {
    case 'channel-orders':
      return list.rows.map((order) => {
        const warehouseOrderId = order.warehouseOrders[0]?.warehouseOrderId;
        return [
          order.externalId,
          STUCK.has(order.state) && warehouseOrderId
            ? { path: `/orders/${warehouseOrderId}/retry`, label: `order ${order.externalNumber ?? order.externalId}`, role: 'operator' }
            : null,
        ];
      });
    case 'channel-returns':
      return list.rows.map((ret) => [
        ret.externalId,
        STUCK.has(ret.state)
          ? { path: `/channel-returns/${ret.id}/retry`, label: `return ${ret.externalName ?? ret.externalId}`, role: 'operator' }
          : null,
      ]);
    case 'fulfillment-pushes':
      return list.rows.map((push) => [
        push.shipmentId,
        STUCK.has(push.state)
          ? { path: `/fulfillment-pushes/${push.id}/retry`, label: `shipment ${push.shipmentId}`, role: 'operator' }
          : null,
      ]);
    case 'exports':
      return list.rows.map((row) => [
        row.sourceOrderId,
        row.status === 'failed'
          ? { path: `/exports/${row.id}/retry`, label: `export of order ${row.sourceOrderId}`, role: 'integration_manager' }
          : null,
      ]);
  }
}

/**
 * Retry targets by the channel id a run item names. Only what the API would retry now: held or failed orders with a
 * warehouse order (the route takes its id), held or failed returns and shipment pushes, failed exports. Lists come
 * newest first, so the first row of an id decides (an older failed export was superseded by a newer one).
 */
export function retryTargets(list: RetryRows): Map<string, RetryTarget> {
  const seen = new Set<string>();
  const targets = new Map<string, RetryTarget>();
  for (const [key, target] of candidates(list)) {
    if (seen.has(key)) {
      continue;
    }
    seen.add(key);
    if (target) {
      targets.set(key, target);
    }
  }
  return targets;
}
