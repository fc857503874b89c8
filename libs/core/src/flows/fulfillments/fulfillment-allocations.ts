import type { ChannelAllocationState, ChannelOrderAllocation } from '../../channel/channel-adapter.interface';
import type { MadeFulfillment } from './fulfillment-push.repository';

/**
 * The order engine's last read of the allocations as a fulfillment plan can use it: what was open then, less what our
 * fulfillments took since. Null when that read lacks the line ids a fulfillment names (then the channel is read).
 * Only a plan that sends everything is trusted from it: anything short, held or closed is confirmed by a fresh read.
 */
export function allocationsFromSnapshot(
  snapshot: ChannelOrderAllocation[] | null,
  readAt: Date | null,
  made: MadeFulfillment[],
): ChannelAllocationState[] | null {
  if (!snapshot || !readAt || snapshot.length === 0) {
    return null;
  }
  if (snapshot.some((a) => a.open && a.lines.some((l) => l.allocationLineId === undefined || l.openQuantity === undefined))) {
    return null;
  }
  const since = new Map<string, number>();
  for (const m of made.filter((x) => Date.parse(x.at) > readAt.getTime())) {
    for (const l of m.lines) {
      since.set(l.allocationLineId, (since.get(l.allocationLineId) ?? 0) + l.quantity);
    }
  }
  return snapshot.map((a) => ({
    externalId: a.externalId,
    channelLocationId: a.channelLocationId,
    status: a.open ? 'open' : 'closed',
    detail: null,
    lines: a.open
      ? a.lines.map((l) => ({
          allocationLineId: l.allocationLineId ?? '',
          externalLineId: l.externalLineId,
          openQuantity: Math.max(0, (l.openQuantity ?? 0) - (since.get(l.allocationLineId ?? '') ?? 0)),
        }))
      : [],
  }));
}
