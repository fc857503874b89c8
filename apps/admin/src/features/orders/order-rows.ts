import { hasRole, type Role } from '../../auth/role';
import type { ChannelOrder, WarehouseOrder, WarehouseOrderStatus } from './orders.api';

/** One order as the orders tables show it, whether it reached the warehouse (GET /orders) or only the engine (channel order). */
export interface OrderRow {
  key: string;
  source: 'warehouse' | 'channel';
  /** The channel's order number, else the reference, else the id: what people search for. */
  label: string;
  storeId: string | null;
  storeName: string;
  /** The word the status badge shows ("held" for a warehouse order that needs attention). */
  status: string;
  held: boolean;
  /** Why it is held, skipped or failed. */
  reason: string | null;
  /** "SKU: problem" per line that cannot be fulfilled as it is. */
  problems: string[];
  summary: string;
  updatedAt: string;
  /** The warehouse order to open and to retry through (a channel order may have none yet). */
  warehouseOrderId: string | null;
  channelOrder: ChannelOrder | null;
}

export type OrderSegment = 'all' | 'held' | Exclude<WarehouseOrderStatus, 'needs_attention'>;

export const ORDER_SEGMENTS: { value: OrderSegment; label: string }[] = [
  { value: 'all', label: 'All' },
  { value: 'held', label: 'Held' },
  { value: 'open', label: 'Open' },
  { value: 'partially_shipped', label: 'Partially shipped' },
  { value: 'shipped', label: 'Shipped' },
  { value: 'cancelled', label: 'Cancelled' },
];

/** The URL's segment, or "all" for anything unknown. */
export function parseSegment(value: string | null): OrderSegment {
  return ORDER_SEGMENTS.find((s) => s.value === value)?.value ?? 'all';
}

/** The GET /orders status filter for a segment. */
export function segmentStatus(segment: OrderSegment): WarehouseOrderStatus | undefined {
  return segment === 'all' ? undefined : segment === 'held' ? 'needs_attention' : segment;
}

export const PAGE_SIZE = 100;
export const MAX_LIMIT = 500;

/** The API pages by a growing limit only (newest first, at most 500): whether asking for more can show more. */
export function canShowMore(loaded: number, limit: number): boolean {
  return loaded >= limit && limit < MAX_LIMIT;
}

export function nextLimit(limit: number): number {
  return Math.min(limit + PAGE_SIZE, MAX_LIMIT);
}

/** The URL's limit, kept to the API's bounds in steps of a page. */
export function parseLimit(value: string | null): number {
  const n = Number(value);
  return Number.isInteger(n) && n >= PAGE_SIZE ? Math.min(n, MAX_LIMIT) : PAGE_SIZE;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function storeNameOf(storeId: string | null, storeNames: ReadonlyMap<string, string>): string {
  if (storeId === null) {
    return 'API order';
  }
  return storeNames.get(storeId) ?? 'Unknown store';
}

export function warehouseOrderRow(order: WarehouseOrder, storeNames: ReadonlyMap<string, string>): OrderRow {
  const held = order.status === 'needs_attention';
  const live = order.lines.filter((l) => l.quantity > 0);
  const items = live.reduce((sum, l) => sum + l.quantity, 0);
  return {
    key: `w:${order.id}`,
    source: 'warehouse',
    label: order.externalNumber ?? order.reference ?? order.id.slice(0, 8),
    storeId: order.storeId,
    storeName: storeNameOf(order.storeId, storeNames),
    status: held ? 'held' : order.status,
    held,
    reason: held ? (order.holdReason ?? 'Held; no reason recorded') : null,
    problems: order.lines.flatMap((l) => (l.problem ? [`${l.sku}: ${l.problem}`] : [])),
    summary: `${plural(live.length, 'line')}, ${plural(items, 'item')}`,
    updatedAt: order.updatedAt,
    warehouseOrderId: order.id,
    channelOrder: null,
  };
}

export function channelOrderRow(order: ChannelOrder, storeId: string, storeNames: ReadonlyMap<string, string>): OrderRow {
  const links = order.warehouseOrders.length;
  return {
    key: `c:${order.id}`,
    source: 'channel',
    label: order.externalNumber ?? order.externalId,
    storeId,
    storeName: storeNameOf(storeId, storeNames),
    status: order.state,
    held: order.state === 'held',
    reason: order.reason ?? (order.state === 'failed' ? order.lastError : null),
    problems: order.problems.map((p) => `${p.sku ?? p.externalLineId}: ${p.problem}`),
    summary: links === 0 ? 'Not in a warehouse' : plural(links, 'warehouse order'),
    updatedAt: order.channelUpdatedAt,
    warehouseOrderId: order.warehouseOrders[0]?.warehouseOrderId ?? null,
    channelOrder: order,
  };
}

/**
 * The "Held" view across stores: held warehouse orders, plus held channel orders that never became one (no location
 * mapping, say), which GET /orders cannot list. A held channel order with a warehouse order is already there as that order.
 */
export function heldRows(
  warehouse: WarehouseOrder[],
  channel: { storeId: string; orders: ChannelOrder[] }[],
  storeNames: ReadonlyMap<string, string>,
): OrderRow[] {
  const rows = warehouse.filter((o) => o.status === 'needs_attention').map((o) => warehouseOrderRow(o, storeNames));
  for (const { storeId, orders } of channel) {
    for (const order of orders) {
      if (order.state === 'held' && order.warehouseOrders.length === 0) {
        rows.push(channelOrderRow(order, storeId, storeNames));
      }
    }
  }
  return rows.sort((a, b) => Date.parse(b.updatedAt) - Date.parse(a.updatedAt));
}

/**
 * Whether `role` may retry the row: POST /orders/:id/retry needs an operator and a warehouse order that came from a
 * store; it decides the channel order again, which helps a held or failed one.
 */
export function canRetry(row: OrderRow, role: Role | undefined): boolean {
  if (!hasRole(role, 'operator') || row.warehouseOrderId === null || row.storeId === null) {
    return false;
  }
  return row.held || row.status === 'failed';
}

/** Why a held row offers no Retry (said in the detail, so nobody looks for the button). */
export function retryHint(row: OrderRow): string | null {
  if (!row.held || row.warehouseOrderId !== null) {
    return null;
  }
  return "It never reached a warehouse, so there is nothing to retry yet: it is decided again by itself when the store's location or product mappings change, or on the store's next order import.";
}

/**
 * Whether a channel order matches the search box, by the rules GET /orders?q= applies to warehouse orders (number,
 * channel id, reason, a line's SKU or problem; case-insensitive). Held channel orders are all loaded, so this is complete.
 */
export function channelOrderMatches(order: ChannelOrder, search: string): boolean {
  const needle = search.trim().toLowerCase();
  if (!needle) {
    return true;
  }
  const texts = [order.externalNumber, order.externalId, order.reason, ...order.problems.flatMap((p) => [p.sku, p.problem])];
  return texts.some((text) => text?.toLowerCase().includes(needle) === true);
}

export type ChannelOrderFilter = 'all' | ChannelOrder['state'];

export const CHANNEL_ORDER_FILTERS: { value: ChannelOrderFilter; label: string }[] = [
  { value: 'all', label: 'All' },
  { value: 'held', label: 'Held' },
  { value: 'imported', label: 'Imported' },
  { value: 'failed', label: 'Failed' },
  { value: 'skipped', label: 'Skipped' },
  { value: 'pending', label: 'Pending' },
  { value: 'cancelled', label: 'Cancelled' },
  { value: 'conflict', label: 'Conflict' },
];
