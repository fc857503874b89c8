import type { ChannelStockLineResult, StockSyncMode } from '../../channel/channel-adapter.interface';
import type { SyncItemOutcome } from '../../sync-run/sync-run.service';
import type { PushLine } from './stock-push.lines';

export interface LineWithValue {
  line: PushLine;
  /** What the channel holds now, when it said so. */
  channelQuantity: number | null;
}

export interface LineWithReason {
  line: PushLine;
  reason: string;
}

/** A push's lines sorted by what the channel did with them. */
export interface PushOutcome {
  applied: LineWithValue[];
  stale: LineWithValue[];
  /** Not applied because of another line: due again shortly. */
  retry: LineWithReason[];
  failed: LineWithReason[];
}

/** Lines a push sends: in delta mode, a line whose change is 0 needs no call. */
export function linesToSend(mode: StockSyncMode, lines: PushLine[]): PushLine[] {
  return mode === 'delta' ? lines.filter((l) => l.delta !== 0) : lines;
}

/**
 * Sorts a push's lines by the channel's answer (one result per sent line, in order). Lines that were not sent
 * count as applied: the channel needed no change. Null when the answer does not fit the write.
 */
export function classifyPush(mode: StockSyncMode, lines: PushLine[], results: ChannelStockLineResult[]): PushOutcome | null {
  const sent = linesToSend(mode, lines);
  if (results.length !== sent.length) {
    return null;
  }
  const outcome: PushOutcome = { applied: [], stale: [], retry: [], failed: [] };
  const bySent = new Map(sent.map((line, i) => [line, results[i]]));
  for (const line of lines) {
    const result = bySent.get(line);
    if (!result) {
      outcome.applied.push({ line, channelQuantity: null });
      continue;
    }
    switch (result.status) {
      case 'applied':
        outcome.applied.push({ line, channelQuantity: result.channelQuantity });
        break;
      case 'stale':
        outcome.stale.push({ line, channelQuantity: result.channelQuantity });
        break;
      case 'not-applied':
        outcome.retry.push({ line, reason: result.reason });
        break;
      case 'failed':
        outcome.failed.push({ line, reason: result.reason });
        break;
    }
  }
  return outcome;
}

/** The sync-run items of a push the channel answered. */
export function pushRunItems(mode: StockSyncMode, outcome: PushOutcome): SyncItemOutcome[] {
  const ref = (l: PushLine): string => `${l.channelItemId}@${l.channelLocationId}`;
  return [
    ...outcome.applied.map(({ line }) => ({
      externalRef: ref(line),
      sku: line.sku,
      outcome: mode === 'delta' && line.delta === 0 ? 'unchanged' : 'pushed',
      reason: mode === 'delta' ? `delta ${line.delta}` : `set ${line.quantity}`,
    })),
    ...outcome.stale.map(({ line }) => ({
      externalRef: ref(line),
      sku: line.sku,
      outcome: 'stale',
      reason: 'The channel moved since our last push (a sale not imported yet); retrying with its value',
    })),
    ...outcome.retry.map(({ line, reason }) => ({ externalRef: ref(line), sku: line.sku, outcome: 'retrying', reason })),
    ...outcome.failed.map(({ line, reason }) => ({ externalRef: ref(line), sku: line.sku, outcome: 'failed', reason })),
  ];
}

/**
 * A delta push whose outcome is unknown, on a channel without idempotency keys: what the channel holds now tells
 * whether it applied. `before` is what it held when the push was claimed. Anything else (a sale in between, or
 * nothing known before) cannot be told apart, and the line must not be sent blind.
 */
export function unknownDeltaOutcome(line: PushLine, before: number | null, now: number): 'applied' | 'not-applied' | 'unknown' {
  if (before === null) {
    return 'unknown';
  }
  if (now === before + line.delta) {
    return 'applied';
  }
  return now === before ? 'not-applied' : 'unknown';
}
