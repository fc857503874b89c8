import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { STOCK_ORDER_WAIT } from './stock-order-wait.policy';
import { StockSinkDirectory } from './stock-sink.directory';

// How long a due pair may wait for company before it goes in a partial batch.
const LINGER_SECONDS = 1;
// A store whose pending pairs saw no change for this long has no burst running: its due pairs go at once.
const QUIET_SECONDS = 0.3;

/**
 * When a store's due pairs go out. Full batches (the sink's largest) go at once; a partial batch waits up to a second
 * while more pairs are about to come due or changes are still arriving, so a burst costs ⌈pairs / batch⌉ calls rather
 * than a call per poll. The wait is bounded: the leading edge still goes within about a second, the trailing edge
 * within the window + 1 s.
 */
@Injectable()
export class StockFlushReadiness {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly sinks: StockSinkDirectory,
  ) {}

  /** Stores with a batch ready now (all of them, or only `storeId`). */
  async readyStores(storeId?: string): Promise<string[]> {
    const limits = this.sinks.batchLimits();
    const rows = await this.dataSource.query<{ store_id: string }[]>(
      `SELECT i.store_id FROM stock_sync_item i
         JOIN store s ON s.id = i.store_id AND s.status = 'connected' AND (s.settings->'stockSync'->>'enabled')::boolean IS TRUE
         JOIN unnest($4::text[], $5::int[]) AS b(plugin_key, max_batch) ON b.plugin_key = s.plugin_key
        WHERE i.wanted_version > i.pushed_version AND i.push_id IS NULL AND i.due_at <= now() + make_interval(secs => $1)
          AND ($3::uuid IS NULL OR i.store_id = $3)
          -- A lifecycle change not applied yet (enable, re-auth, new mappings) decides what is due first.
          AND NOT EXISTS (SELECT 1 FROM outbox_event e WHERE e.aggregate_key = 'store/' || i.store_id AND e.handled_at IS NULL
                             AND e.topic IN ('store.changed', 'channel-mappings.changed'))
          -- A store waiting out its channel's pacing (a push put aside) sends nothing before it may.
          AND NOT EXISTS (SELECT 1 FROM stock_push p WHERE p.store_id = i.store_id AND p.status = 'pending' AND p.not_before > now())
        GROUP BY i.store_id, b.max_batch
       HAVING count(*) FILTER (WHERE i.due_at <= now()) >= b.max_batch
           OR min(i.due_at) <= now() - make_interval(secs => $1)
           -- Nothing else comes due within the linger and no burst is running: waiting would not fill the batch.
           OR (min(i.due_at) <= now() AND max(i.due_at) <= now() AND max(i.updated_at) <= now() - make_interval(secs => $2))`,
      [LINGER_SECONDS, QUIET_SECONDS, storeId ?? null, limits.keys, limits.maxBatch],
    );
    return rows.map((r) => r.store_id);
  }

  /**
   * Pairs waiting for their store's order import or return sync (see STOCK_ORDER_WAIT) become due once it has
   * settled: no order or return of the store left to decide. Those whose wait ran out are due already (their due_at is the bound).
   */
  async releaseOrderWaits(): Promise<number> {
    const rows = await this.dataSource.query<unknown[]>(
      `WITH released AS (
         UPDATE stock_sync_item i
            SET due_at = least(i.due_at, greatest(i.awaits_orders_since + make_interval(secs => $1), now())), awaits_orders_since = NULL
          WHERE i.awaits_orders_since IS NOT NULL AND i.awaits_orders_since <= now() - make_interval(secs => $1)
            -- The order and return engines' own tables: all three flows are the core's. A return due may be about to
            -- restock units on the channel itself.
            AND NOT EXISTS (SELECT 1 FROM channel_order o WHERE o.store_id = i.store_id AND o.due_at IS NOT NULL)
            AND NOT EXISTS (SELECT 1 FROM channel_return r WHERE r.store_id = i.store_id AND r.due_at IS NOT NULL)
          RETURNING 1
       ) SELECT count(*)::int AS n FROM released`,
      [STOCK_ORDER_WAIT.minSeconds],
    );
    return (rows[0] as { n: number } | undefined)?.n ?? 0;
  }

  /** True while a lifecycle change of the store (enable, re-auth, mappings) waits to be applied. */
  async lifecyclePending(storeId: string): Promise<boolean> {
    const rows = await this.dataSource.query<unknown[]>(
      `SELECT 1 FROM outbox_event WHERE aggregate_key = $1 AND handled_at IS NULL AND topic IN ('store.changed', 'channel-mappings.changed') LIMIT 1`,
      [`store/${storeId}`],
    );
    return rows.length > 0;
  }

  /** How many pairs are due now, counted up to `limit` (through the partial index: cheap in a backlog). */
  async dueCount(storeId: string, limit: number): Promise<number> {
    const [row] = await this.dataSource.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM (SELECT 1 FROM stock_sync_item
        WHERE store_id = $1 AND wanted_version > pushed_version AND push_id IS NULL AND due_at <= now() LIMIT $2) AS due`,
      [storeId, limit],
    );
    return row?.n ?? 0;
  }

  async isReady(storeId: string): Promise<boolean> {
    return (await this.readyStores(storeId)).length > 0;
  }
}
