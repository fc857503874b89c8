import { Injectable } from '@nestjs/common';
import { SyncRunService } from '@gantry/core';
import type { GraphqlCost } from '../graphql/shopify-graphql.client';

export interface PushRunLine {
  inventoryItemId: string;
  locationId: string;
  sku: string;
  available: number;
  delta: number;
}

/** Every push batch is a sync run: store, items, calls, cost, outcome, and why an item did not go. */
@Injectable()
export class StockPushRunRecorder {
  constructor(private readonly runs: SyncRunService) {}

  async record(
    storeId: string,
    mode: 'absolute' | 'delta',
    lines: PushRunLine[],
    result: { calls: number; cost: GraphqlCost | null; staleIndexes?: number[]; error?: string },
  ): Promise<void> {
    const stale = new Set(result.staleIndexes ?? []);
    await this.runs.recordFinished({
      storeId,
      kind: 'stock-push',
      trigger: 'stock-change',
      items: lines.map((l, i) => ({
        externalRef: `${l.inventoryItemId}@${l.locationId}`,
        sku: l.sku,
        outcome: result.error ? 'failed' : stale.has(i) ? 'stale' : mode === 'delta' && l.delta === 0 ? 'unchanged' : 'pushed',
        reason:
          result.error ??
          (stale.has(i)
            ? 'Shopify moved since our last push (a sale not imported yet); retrying with its value'
            : mode === 'delta'
              ? `delta ${l.delta}`
              : `set ${l.available}`),
      })),
      error: result.error ?? null,
      extraCounts: { calls: result.calls, cost: result.cost?.actualQueryCost ?? result.cost?.requestedQueryCost ?? 0 },
    });
  }
}
