import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { StoreService } from '../../store/store.service';
import type { SyncRunStatus } from '../../sync-run/sync-run-status.enum';
import { lagSeconds, reconcileCounts, stockSyncState, type StockSyncState } from './stock-sync-health';

export interface StockSyncHealthView {
  state: StockSyncState;
  reason: string;
  trackedPairs: number;
  pendingPairs: number;
  oldestPendingAt: Date | null;
  lagSeconds: number | null;
  lastPushAt: Date | null;
  failedPushes24h: number;
  lastReconcile: { runId: string; status: SyncRunStatus; at: Date; checked: number; drifted: number } | null;
}

interface Row {
  tracked: number;
  pending: number;
  oldest: Date | null;
  last_push: Date | null;
  failed: number;
  lifecycle: boolean;
  now: Date;
}

/** Reads a store's stock sync health from stock_sync_item, stock_push, the outbox and its stock-reconcile runs. */
@Injectable()
export class StockSyncHealthService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly stores: StoreService,
  ) {}

  async health(storeId: string): Promise<StockSyncHealthView> {
    const store = await this.stores.get(storeId);
    // One round trip; every part goes through an index on store_id. now() is the database's, like pending_since.
    const [row] = await this.dataSource.query<Row[]>(
      `SELECT
         (SELECT count(*)::int FROM stock_sync_item WHERE store_id = $1) AS tracked,
         (SELECT count(*)::int FROM stock_sync_item WHERE store_id = $1 AND wanted_version > pushed_version) AS pending,
         (SELECT min(pending_since) FROM stock_sync_item WHERE store_id = $1 AND wanted_version > pushed_version) AS oldest,
         (SELECT max(finished_at) FROM stock_push WHERE store_id = $1 AND status = 'done') AS last_push,
         (SELECT count(*)::int FROM stock_push WHERE store_id = $1 AND status = 'failed' AND created_at > now() - interval '24 hours') AS failed,
         EXISTS (SELECT 1 FROM outbox_event WHERE aggregate_key = $2 AND handled_at IS NULL
                   AND topic IN ('store.changed', 'channel-mappings.changed')) AS lifecycle,
         now() AS now`,
      [storeId, `store/${storeId}`],
    );
    const [run] = await this.dataSource.query<
      { id: string; status: SyncRunStatus; started_at: Date; finished_at: Date | null; counts: Record<string, number> }[]
    >(
      `SELECT id, status, started_at, finished_at, counts FROM sync_run
        WHERE store_id = $1 AND kind = 'stock-reconcile' ORDER BY started_at DESC LIMIT 1`,
      [storeId],
    );
    const now = row?.now ?? new Date();
    const stockSync = (store.settings['stockSync'] as { enabled?: unknown; windowSeconds?: unknown } | undefined) ?? null;
    const oldest = row?.oldest ?? null;
    return {
      ...stockSyncState({
        storeName: store.name,
        storeStatus: store.status,
        stockSync,
        lifecyclePending: row?.lifecycle ?? false,
        pendingPairs: row?.pending ?? 0,
        oldestPendingAt: oldest,
        now,
      }),
      trackedPairs: row?.tracked ?? 0,
      pendingPairs: row?.pending ?? 0,
      oldestPendingAt: oldest,
      lagSeconds: lagSeconds(oldest, now),
      lastPushAt: row?.last_push ?? null,
      failedPushes24h: row?.failed ?? 0,
      lastReconcile: run
        ? { runId: run.id, status: run.status, at: run.finished_at ?? run.started_at, ...reconcileCounts(run.counts ?? {}) }
        : null,
    };
  }
}
