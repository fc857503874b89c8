import { createHash } from 'node:crypto';
import type { ChannelStockLine, StockSyncMode } from '../../channel/channel-adapter.interface';

/** One line of a recorded push: the channel line plus the warehouse level and version range it carries. */
export interface PushLine extends ChannelStockLine {
  sku: string;
  warehouseId: string;
  productId: string;
  fromVersion: string;
  toVersion: string;
  /** What we believed the channel held when the push was claimed (null: unknown). */
  channelBefore: number | null;
  /** The pair's lifecycle generation at the claim. */
  generation: number;
}

/**
 * Deterministic per (store, lines, their version ranges and values): the base of a push's key. The push row keeps the
 * key it was sent under (a retry or a re-send after a crash carries it, so the channel applies the push once); a later
 * push with the same lines (a drift set back twice to the same value) gets the base plus '-rN', a key of its own.
 */
export function pushIdempotencyKey(storeId: string, mode: StockSyncMode, lines: PushLine[]): string {
  const canonical = lines
    .map(
      (l) =>
        `${l.channelItemId}@${l.channelLocationId}:${l.fromVersion}-${l.toVersion}:${mode === 'delta' ? l.delta : `${l.expected ?? 'null'}>${l.quantity}`}`,
    )
    .sort();
  return `gantry-${createHash('sha256')
    .update(`${storeId}|${mode}|${canonical.join(',')}`)
    .digest('hex')
    .slice(0, 40)}`;
}

export const pairKey = (p: { channelItemId: string; channelLocationId: string }): string => `${p.channelItemId}@${p.channelLocationId}`;
