import type { ChannelAllocationState, ChannelFulfillmentRecord } from '../../channel/channel-adapter.interface';

export interface ShipmentLine {
  externalLineId: string;
  quantity: number;
}

export interface PlannedLine {
  allocationId: string;
  allocationLineId: string;
  externalLineId: string;
  quantity: number;
}

/** One fulfillment to create: the channel takes the allocations of one location per call. */
export interface PlannedFulfillment {
  channelLocationId: string | null;
  lines: PlannedLine[];
}

export type FulfillmentPlan =
  /** Create these; `short` lists what the channel no longer has open (fulfilled by someone else, closed, cancelled). */
  | { kind: 'send'; fulfillments: PlannedFulfillment[]; short: { externalLineId: string; quantity: number }[] }
  /** Units wait on the channel's side (held, moved to a location this warehouse does not serve): not forced, tried later. */
  | { kind: 'hold'; reason: string }
  /** Nothing of the shipment is open on the channel any more. */
  | { kind: 'nothing-open'; reason: string };

export interface FulfillmentPlanInput {
  /** What is left to fulfil of the shipment (its lines less what earlier fulfillments of it covered). */
  lines: ShipmentLine[];
  /** The allocations the warehouse order was routed from: used first. */
  allocationIds: string[];
  /** The channel locations the warehouse order serves; empty when unknown (then any open location serves). */
  channelLocationIds: string[];
  allocations: ChannelAllocationState[];
}

/**
 * Decides how a shipment becomes fulfillments: each line takes from open allocations at the locations its warehouse
 * serves (its own allocations first), never more than they have open. Units that only sit on held allocations or at
 * another location hold the whole shipment (a partial fulfillment would carry the parcel's tracking twice later).
 */
export function planFulfillment(input: FulfillmentPlanInput): FulfillmentPlan {
  const serves = (a: ChannelAllocationState) =>
    input.channelLocationIds.length === 0 || (a.channelLocationId !== null && input.channelLocationIds.includes(a.channelLocationId));
  const rank = (a: ChannelAllocationState) => (input.allocationIds.includes(a.externalId) ? 0 : 1);
  const usable = input.allocations.filter((a) => a.status === 'open' && serves(a)).sort((a, b) => rank(a) - rank(b));
  const left = new Map<string, number>();
  for (const a of usable) {
    for (const l of a.lines) {
      left.set(`${a.externalId}|${l.allocationLineId}`, l.openQuantity);
    }
  }
  const taken: PlannedLine[] = [];
  const short: { externalLineId: string; quantity: number }[] = [];
  const holds: string[] = [];
  for (const line of input.lines) {
    let need = line.quantity;
    for (const a of usable) {
      for (const l of a.lines.filter((x) => x.externalLineId === line.externalLineId)) {
        const key = `${a.externalId}|${l.allocationLineId}`;
        const take = Math.min(need, left.get(key) ?? 0);
        if (take > 0) {
          taken.push({
            allocationId: a.externalId,
            allocationLineId: l.allocationLineId,
            externalLineId: line.externalLineId,
            quantity: take,
          });
          left.set(key, (left.get(key) ?? 0) - take);
          need -= take;
        }
      }
    }
    if (need <= 0) {
      continue;
    }
    const elsewhere = input.allocations.filter(
      (a) =>
        (a.status === 'on_hold' || (a.status === 'open' && !serves(a))) &&
        a.lines.some((l) => l.externalLineId === line.externalLineId && l.openQuantity > 0),
    );
    if (elsewhere.length > 0) {
      holds.push(...elsewhere.map((a) => holdReason(a)));
    } else {
      short.push({ externalLineId: line.externalLineId, quantity: need });
    }
  }
  if (holds.length > 0) {
    return { kind: 'hold', reason: [...new Set(holds)].join('; ') };
  }
  if (taken.length === 0) {
    return {
      kind: 'nothing-open',
      reason: 'nothing of the shipment is open on the channel any more (fulfilled there, closed or cancelled)',
    };
  }
  const byLocation = new Map<string, PlannedFulfillment>();
  for (const t of taken) {
    const location = usable.find((a) => a.externalId === t.allocationId)?.channelLocationId ?? null;
    const key = location ?? '';
    const group = byLocation.get(key) ?? { channelLocationId: location, lines: [] };
    group.lines.push(t);
    byLocation.set(key, group);
  }
  return { kind: 'send', fulfillments: [...byLocation.values()], short };
}

function holdReason(a: ChannelAllocationState): string {
  return a.status === 'on_hold'
    ? `fulfillment order ${a.externalId} is on hold on the channel${a.detail ? ` (${a.detail})` : ''}`
    : `fulfillment order ${a.externalId} was moved to location ${a.channelLocationId ?? 'unknown'}, which this warehouse does not serve`;
}

/** What a shipment still needs after the fulfillments made for it. */
export function remainingLines(lines: ShipmentLine[], done: { externalLineId: string; quantity: number }[]): ShipmentLine[] {
  const covered = new Map<string, number>();
  for (const d of done) {
    covered.set(d.externalLineId, (covered.get(d.externalLineId) ?? 0) + d.quantity);
  }
  const out: ShipmentLine[] = [];
  for (const line of lines) {
    const c = covered.get(line.externalLineId) ?? 0;
    const take = Math.min(c, line.quantity);
    covered.set(line.externalLineId, c - take);
    if (line.quantity - take > 0) {
      out.push({ externalLineId: line.externalLineId, quantity: line.quantity - take });
    }
  }
  return out;
}

/**
 * After a create whose outcome is unknown: the channel's fulfillment that is that create, if it happened. It is one we
 * have not recorded, with the same parcels and the same lines; without a key this is the strongest identity there is.
 */
export function findInFlight(
  inFlight: { trackingNumbers: string[]; lines: { externalLineId: string; quantity: number }[] },
  fulfillments: ChannelFulfillmentRecord[],
  known: ReadonlySet<string>,
): ChannelFulfillmentRecord | null {
  const key = (lines: { externalLineId: string; quantity: number }[]) => {
    const sum = new Map<string, number>();
    for (const l of lines) {
      sum.set(l.externalLineId, (sum.get(l.externalLineId) ?? 0) + l.quantity);
    }
    return [...sum.entries()]
      .filter(([, q]) => q > 0)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([id, q]) => `${id}:${q}`)
      .join(',');
  };
  const numbers = [...inFlight.trackingNumbers].sort().join(',');
  const lines = key(inFlight.lines);
  return (
    fulfillments.find(
      (f) => !f.cancelled && !known.has(f.externalId) && [...f.trackingNumbers].sort().join(',') === numbers && key(f.lines) === lines,
    ) ?? null
  );
}
