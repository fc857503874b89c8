import type { ChannelReturnDisposalLine } from '../../channel/channel-adapter.interface';

/** What the warehouse received of one line of a channel return (cumulative). */
export interface ReceivedReturnLine {
  /** The channel's return line id; lines without one are not the channel's. */
  externalLineId: string | null;
  received: number;
  restocked: number;
}

export interface PlannedDisposal {
  disposalLineId: string;
  groupId: string;
  quantity: number;
  restock: boolean;
}

export interface DisposalPlan {
  lines: PlannedDisposal[];
  /** After these, every open disposal line is fully disposed. */
  complete: boolean;
  /** Received units the channel has no open line left for (its reverse fulfillment was closed or cancelled). */
  unrecorded: { externalLineId: string; quantity: number; restock: boolean }[];
}

/**
 * What to send so the channel shows what the warehouse received: per return line, the units not yet shown there at
 * all (read right before, so a send that happened but was not recorded is never repeated), restocked first as far as
 * the channel shows fewer restocked units than the warehouse restocked. `channelRestocks` false: the channel is not to add restocked units to its stock (no
 * channel location serves the warehouse; stock sync carries them), so they are disposed as not restocked.
 */
export function planDisposal(
  received: ReceivedReturnLine[],
  disposal: ChannelReturnDisposalLine[],
  channelRestocks: boolean,
): DisposalPlan {
  const target = new Map<string, { restocked: number; other: number }>();
  for (const line of received) {
    if (!line.externalLineId) {
      continue;
    }
    const t = target.get(line.externalLineId) ?? { restocked: 0, other: 0 };
    const restocked = channelRestocks ? line.restocked : 0;
    t.restocked += restocked;
    t.other += line.received - restocked;
    target.set(line.externalLineId, t);
  }
  const capacity = new Map(
    disposal.map((d) => [d.disposalLineId, d.open ? Math.max(0, d.totalQuantity - d.restocked - d.notRestocked) : 0]),
  );
  const lines: PlannedDisposal[] = [];
  const unrecorded: DisposalPlan['unrecorded'] = [];
  for (const [externalLineId, t] of target) {
    const own = disposal.filter((d) => d.returnLineExternalId === externalLineId);
    const shown = own.reduce((acc, d) => ({ restocked: acc.restocked + d.restocked, other: acc.other + d.notRestocked }), {
      restocked: 0,
      other: 0,
    });
    // Never more units than were received in all: what the channel shows already (whoever disposed it, however) counts.
    const missing = Math.max(0, t.restocked + t.other - shown.restocked - shown.other);
    const restockNeed = Math.min(missing, Math.max(0, t.restocked - shown.restocked));
    for (const [restock, need] of [
      [true, restockNeed],
      [false, missing - restockNeed],
    ] as const) {
      let left = Math.max(0, need);
      for (const d of own) {
        const take = Math.min(left, capacity.get(d.disposalLineId) ?? 0);
        if (take > 0) {
          lines.push({ disposalLineId: d.disposalLineId, groupId: d.groupId, quantity: take, restock });
          capacity.set(d.disposalLineId, (capacity.get(d.disposalLineId) ?? 0) - take);
          left -= take;
        }
      }
      if (left > 0) {
        unrecorded.push({ externalLineId, quantity: left, restock });
      }
    }
  }
  const complete = disposal.filter((d) => d.open).every((d) => (capacity.get(d.disposalLineId) ?? 0) === 0);
  return { lines, complete, unrecorded };
}
