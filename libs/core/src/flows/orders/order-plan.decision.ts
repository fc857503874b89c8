import type { ChannelOrder, ChannelOrderAllocation } from '../../channel/channel-adapter.interface';
import type { ChannelLocationMapping } from '../../mapping/channel-location-mapping.service';
import type { WarehouseOrderLine } from '../../ports/warehouse.port';
import { orderFilterVerdict } from './order-filter.decision';
import type { OrderFilterSettings } from './order-import.settings';

/** A warehouse order the channel order already became. */
export interface OrderLink {
  warehouseOrderId: string;
  warehouseId: string;
  shippingProcessId: string | null;
}

export interface OrderPlanInput {
  order: ChannelOrder;
  filters: OrderFilterSettings;
  links: OrderLink[];
  mappings: ChannelLocationMapping[];
  /** The mapped product of each line by its external line id; missing or null: none. */
  products: ReadonlyMap<string, string | null>;
  /** The channel's allocations; null when not read (one destination, or a channel without them). */
  allocations: ChannelOrderAllocation[] | null;
}

/** One warehouse order to bring to its state: a destination and its lines. */
export interface OrderDraftPlan {
  warehouseId: string;
  shippingProcessId: string | null;
  /** The link's warehouse order, or null to create one. */
  existingOrderId: string | null;
  channelLocationIds: string[];
  allocationIds: string[];
  lines: WarehouseOrderLine[];
}

export interface OrderLineProblem {
  externalLineId: string;
  sku: string | null;
  problem: string;
}

export type OrderPlan =
  /** The filters do not take it (never imported): nothing in the warehouse. */
  | { kind: 'skip'; reason: string }
  /** Cancelled on the channel: cancel these warehouse orders (none when it was never imported). */
  | { kind: 'cancel'; orderIds: string[] }
  /** No location mapping to route it by: waits for one. */
  | { kind: 'unroutable'; reason: string }
  | { kind: 'sync'; drafts: OrderDraftPlan[]; problems: OrderLineProblem[]; holdReason: string | null };

interface Destination {
  warehouseId: string;
  shippingProcessId: string | null;
  channelLocationIds: Set<string>;
  allocationIds: Set<string>;
  quantities: Map<string, number>;
}

const destinationKey = (warehouseId: string): string => warehouseId;

/**
 * What the warehouse should hold for one channel order, decided from the newest state alone (so a replay, a duplicate
 * or a late delivery decides the same). Filters gate the first import only; an imported order follows every change.
 * Each allocation goes to its location's mapping (the store's default when its location has none); a line's quantity
 * the allocations do not account for (an edit not yet allocated, no allocations read) goes where the line already is,
 * else to the default. Pure.
 */
export function planOrder(input: OrderPlanInput): OrderPlan {
  const { order, links } = input;
  if (order.cancelledAt !== null) {
    return { kind: 'cancel', orderIds: links.map((l) => l.warehouseOrderId) };
  }
  if (links.length === 0) {
    const verdict = orderFilterVerdict(input.filters, order);
    if (!verdict.pass) {
      return { kind: 'skip', reason: verdict.reason };
    }
  }
  const fallback = input.mappings.find((m) => m.isDefault) ?? input.mappings[0] ?? null;
  if (!fallback && links.length === 0) {
    return { kind: 'unroutable', reason: 'the store has no location mapping to route orders by' };
  }
  const destinations = new Map<string, Destination>();
  const destination = (warehouseId: string, shippingProcessId: string | null): Destination => {
    const key = destinationKey(warehouseId);
    let found = destinations.get(key);
    if (!found) {
      found = { warehouseId, shippingProcessId, channelLocationIds: new Set(), allocationIds: new Set(), quantities: new Map() };
      destinations.set(key, found);
    }
    return found;
  };
  const byLocation = new Map(input.mappings.map((m) => [m.channelLocationId, m]));
  const firstLink = links[0] ?? null;
  const home = fallback ? { warehouseId: fallback.warehouseId, shippingProcessId: fallback.shippingProcessId } : firstLink;
  const linesById = new Map(order.lines.map((l) => [l.externalLineId, l]));

  for (const allocation of input.allocations ?? []) {
    const mapping = (allocation.channelLocationId ? byLocation.get(allocation.channelLocationId) : undefined) ?? fallback;
    const target = mapping
      ? destination(mapping.warehouseId, mapping.shippingProcessId)
      : destination(home.warehouseId, home.shippingProcessId);
    if (allocation.channelLocationId) {
      target.channelLocationIds.add(allocation.channelLocationId);
    }
    target.allocationIds.add(allocation.externalId);
    for (const line of allocation.lines) {
      // Only the order's lines are the warehouse's: a fulfillment order also lists lines the adapter left out of the
      // order (no shipping needed: digital goods, gift cards); kept, they reached the warehouse without SKU or product.
      if (!linesById.has(line.externalLineId)) {
        continue;
      }
      target.quantities.set(line.externalLineId, (target.quantities.get(line.externalLineId) ?? 0) + line.quantity);
    }
  }
  for (const line of order.lines) {
    const holders = [...destinations.values()].filter((d) => (d.quantities.get(line.externalLineId) ?? 0) > 0);
    const allocated = holders.reduce((sum, d) => sum + (d.quantities.get(line.externalLineId) ?? 0), 0);
    let missing = line.quantity - allocated;
    if (missing > 0) {
      const target = holders[0] ?? destination(home.warehouseId, home.shippingProcessId);
      target.quantities.set(line.externalLineId, (target.quantities.get(line.externalLineId) ?? 0) + missing);
    }
    // More allocated than the line holds now (an edit the allocations do not show yet): take it back, last first.
    for (const holder of holders.reverse()) {
      if (missing >= 0) {
        break;
      }
      const had = holder.quantities.get(line.externalLineId) ?? 0;
      const taken = Math.min(had, -missing);
      holder.quantities.set(line.externalLineId, had - taken);
      missing += taken;
    }
  }
  // A warehouse order whose destination no longer gets anything is brought to nothing (its lines absent).
  for (const link of links) {
    destination(link.warehouseId, link.shippingProcessId);
  }

  const problems: OrderLineProblem[] = [];
  for (const line of order.lines) {
    if (line.quantity > 0 && !input.products.get(line.externalLineId)) {
      problems.push({
        externalLineId: line.externalLineId,
        sku: line.sku,
        problem: line.sku ? `no mapped product with SKU ${line.sku}` : `line "${line.title ?? line.externalLineId}" has no SKU`,
      });
    }
  }
  const problemOf = new Map(problems.map((p) => [p.externalLineId, p.problem]));
  const linkOf = new Map(links.map((l) => [destinationKey(l.warehouseId), l]));
  const drafts: OrderDraftPlan[] = [...destinations.entries()]
    .map(([key, d]) => ({
      warehouseId: d.warehouseId,
      shippingProcessId: linkOf.get(key)?.shippingProcessId ?? d.shippingProcessId,
      existingOrderId: linkOf.get(key)?.warehouseOrderId ?? null,
      channelLocationIds: [...d.channelLocationIds].sort(),
      allocationIds: [...d.allocationIds].sort(),
      lines: [...d.quantities.entries()]
        .filter(([, quantity]) => quantity > 0)
        .map(([externalLineId, quantity]) => {
          const line = linesById.get(externalLineId);
          return {
            externalLineId,
            sku: line?.sku ?? '',
            productId: input.products.get(externalLineId) ?? null,
            quantity,
            problem: problemOf.get(externalLineId) ?? null,
          };
        })
        .sort((a, b) => a.externalLineId.localeCompare(b.externalLineId)),
    }))
    // A destination that gets nothing and has no warehouse order yet is not created.
    .filter((d) => d.existingOrderId !== null || d.lines.length > 0)
    .sort((a, b) => a.warehouseId.localeCompare(b.warehouseId));
  const holdReason =
    problems.length === 0
      ? null
      : `${problems.length === 1 ? '1 line matches' : `${problems.length} lines match`} no mapped product (${problems
          .map((p) => p.sku ?? p.externalLineId)
          .join(', ')}): map the product (product sync) and the order is imported, or retry it`;
  return { kind: 'sync', drafts, problems, holdReason };
}
