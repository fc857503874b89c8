import { Injectable } from '@nestjs/common';
import type { StockSyncMode } from '../../channel/channel-adapter.interface';
import { SyncRunService } from '../../sync-run/sync-run.service';
import { pushRunItems, type PushOutcome } from './stock-push.outcome';
import type { PushRow } from './stock-push.repository';

/** A push's calls, and its failed calls as the failure policy's counter tells them (failedCalls, throttledCalls). */
interface CallCounts {
  calls: number;
  failedCalls: Record<string, number>;
}

/** Every push is a sync run: store, items, calls, cost, outcome, and why an item did not go. */
@Injectable()
export class StockPushRunRecorder {
  constructor(private readonly runs: SyncRunService) {}

  async record(
    storeId: string,
    mode: StockSyncMode,
    outcome: PushOutcome,
    meta: { calls: number; cost: number | null; failedCalls?: Record<string, number> },
  ): Promise<void> {
    await this.runs.recordFinished({
      storeId,
      kind: 'stock-push',
      trigger: 'stock-change',
      items: pushRunItems(mode, outcome),
      extraCounts: { calls: meta.calls, cost: meta.cost ?? 0, ...meta.failedCalls },
    });
  }

  /**
   * A push put aside to wait out the channel (throttled, or backing off after failures); it goes again later. Counted
   * without its items: a store throttled for an hour would otherwise list the same lines every few seconds.
   */
  async recordDeferred(storeId: string, push: PushRow, meta: CallCounts, reason: string, delayMs: number): Promise<void> {
    await this.runs.recordFinished({
      storeId,
      kind: 'stock-push',
      trigger: 'stock-change',
      items: [],
      error: `${reason}; push ${push.id} goes again in ${Math.ceil(delayMs / 1000)} s under the same key`,
      extraCounts: { calls: meta.calls, cost: 0, deferred: push.lines.length, ...meta.failedCalls },
    });
  }

  async recordFailure(storeId: string, push: PushRow, meta: CallCounts, reason: string): Promise<void> {
    await this.runs.recordFinished({
      storeId,
      kind: 'stock-push',
      trigger: 'stock-change',
      items: push.lines.map((l) => ({ externalRef: `${l.channelItemId}@${l.channelLocationId}`, sku: l.sku, outcome: 'failed', reason })),
      error: reason,
      extraCounts: { calls: meta.calls, cost: 0, ...meta.failedCalls },
    });
  }
}
