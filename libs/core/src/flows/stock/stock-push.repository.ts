import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { StockSinkTraits, StockSyncMode } from '../../channel/channel-adapter.interface';
import { WarehousePort } from '../../ports/warehouse.port';
import { linesToSend, type LineWithReason, type LineWithValue } from './stock-push.outcome';
import { pushIdempotencyKey, type PushLine } from './stock-push.lines';

export interface PushRow {
  id: string;
  mode: StockSyncMode;
  idempotency_key: string;
  lines: PushLine[];
  /** Failed calls counted so far (a push put aside keeps them for when it goes again). */
  failures: number;
}

interface ClaimedItem {
  generation: number;
  sku: string;
  channel_item_id: string;
  channel_location_id: string;
  warehouse_id: string;
  product_id: string;
  pushed_version: string;
  channel_quantity: number | null;
  baseline_available: number | null;
}

// A line the channel refused for itself waits this long before it goes again.
const FAILED_LINE_RETRY_SECONDS = 60;

/**
 * The stock engine's state in SQL: claim due pairs into a recorded push, and settle what the channel answered.
 * Warehouse values come through the warehouse port, inside the claim's transaction.
 */
@Injectable()
export class StockPushRepository {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly warehouse: WarehousePort,
  ) {}

  /** The oldest push left pending (a crash, an unconfirmed send, a wait put aside and over), among those up to `upToId`. */
  async pendingPush(storeId: string, upToId: string): Promise<PushRow | null> {
    const [row] = await this.dataSource.query<PushRow[]>(
      `SELECT id, mode, idempotency_key, lines, failures FROM stock_push
        WHERE store_id = $1 AND status = 'pending' AND id <= $2 AND (not_before IS NULL OR not_before <= now()) ORDER BY id LIMIT 1`,
      [storeId, upToId],
    );
    return row ?? null;
  }

  /** Until when the store waits out its channel's pacing (a push put aside), or null when it may flush now. */
  async heldUntil(storeId: string): Promise<Date | null> {
    const [row] = await this.dataSource.query<{ until: Date | null }[]>(
      `SELECT max(not_before) AS until FROM stock_push WHERE store_id = $1 AND status = 'pending' AND not_before > now()`,
      [storeId],
    );
    return row?.until ?? null;
  }

  /** Puts a push aside, unsent or unconfirmed, until its wait is over; it keeps its lines and key and goes first then. */
  async defer(pushId: string, delayMs: number, failures: number, reason: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE stock_push SET not_before = now() + make_interval(secs => $2::float8 / 1000), failures = $3, error = $4 WHERE id = $1`,
      [pushId, delayMs, failures, reason.slice(0, 2000)],
    );
  }

  /** The newest push of the store so far ('0' when none): pushes after it are this flush's own. */
  async lastPushId(storeId: string): Promise<string> {
    const [row] = await this.dataSource.query<{ id: string | null }[]>(`SELECT max(id)::text AS id FROM stock_push WHERE store_id = $1`, [
      storeId,
    ]);
    return row?.id ?? '0';
  }

  /**
   * Claims up to one batch of due pairs and records the push that will carry them. 'settled' when every line needed
   * no call (delta mode: only the store's own orders moved them); null when nothing is due.
   */
  claim(
    storeId: string,
    mode: StockSyncMode,
    traits: StockSinkTraits,
    windowSeconds: number,
    fullOnly = false,
  ): Promise<PushRow | 'settled' | null> {
    return this.dataSource.transaction(async (manager) => {
      const items = await manager.query<ClaimedItem[]>(
        `SELECT generation, sku, channel_item_id, channel_location_id, warehouse_id, product_id, pushed_version, channel_quantity,
                baseline_available
           FROM stock_sync_item
          WHERE store_id = $1 AND wanted_version > pushed_version AND push_id IS NULL AND due_at <= now()
            -- The store still syncs in this mode, with no lifecycle change waiting: a running flush stops at once.
            AND EXISTS (SELECT 1 FROM store s WHERE s.id = $1 AND s.status = 'connected'
                          AND (s.settings->'stockSync'->>'enabled')::boolean IS TRUE AND s.settings->'stockSync'->>'mode' = $3)
            AND NOT EXISTS (SELECT 1 FROM outbox_event e WHERE e.aggregate_key = 'store/' || $1 AND e.handled_at IS NULL
                              AND e.topic IN ('store.changed', 'channel-mappings.changed'))
          -- due_at alone: the partial index hands the batch over without sorting every due pair (a first push has thousands).
          ORDER BY due_at LIMIT $2 FOR UPDATE SKIP LOCKED`,
        [storeId, traits.maxBatch, mode],
      );
      // An extra lane takes full batches only: a partial one is the first lane's, after its wait for company.
      if (items.length === 0 || (fullOnly && items.length < traits.maxBatch)) {
        return null;
      }
      const levels = await this.warehouse.levels(
        items.map((i) => ({ warehouseId: i.warehouse_id, productId: i.product_id })),
        manager,
      );
      const lines = items.map<PushLine>((item, i) => ({
        sku: item.sku,
        channelItemId: item.channel_item_id,
        channelLocationId: item.channel_location_id,
        warehouseId: item.warehouse_id,
        productId: item.product_id,
        fromVersion: String(item.pushed_version),
        toVersion: levels[i]?.version ?? '0',
        quantity: levels[i]?.available ?? 0,
        // The value we last set (or saw in a webhook). Unknown before the first push: null opts out of the check.
        // A read just before that push would not guard anything: a sale the channel counted is in what it reads.
        expected: traits.compareAndSet ? item.channel_quantity : null,
        channelBefore: item.channel_quantity,
        generation: item.generation,
        delta: 0,
      }));
      if (mode === 'delta') {
        const own = await this.warehouse.storeEffects(storeId, lines, manager);
        lines.forEach((line, i) => {
          const baseline = items[i]?.baseline_available ?? line.quantity;
          line.delta = line.quantity - baseline - (own[i] ?? 0);
        });
      }
      const toSend = linesToSend(mode, lines);
      // A push with the same lines as an earlier one (refused before, or a drift set back twice) is a new write: it needs
      // a key of its own, or the channel would answer with the stored result without applying it.
      const base = pushIdempotencyKey(storeId, mode, lines);
      // One statement writes the push down and claims its items (each round trip counts when a store pushes hard).
      // earlier always has one row, so the insert always answers one.
      const [{ id, idempotency_key: key }] = await manager.query<[{ id: string; idempotency_key: string }]>(
        `WITH earlier AS (
           SELECT count(*)::int AS n FROM stock_push WHERE base_key = $2
         ), push AS (
           INSERT INTO stock_push (store_id, mode, base_key, idempotency_key, lines, status)
           SELECT $1, $3, $2, CASE WHEN earlier.n > 0 THEN $2 || '-r' || earlier.n ELSE $2 END, $4, $5 FROM earlier
           RETURNING id, idempotency_key
         ), claimed AS (
           UPDATE stock_sync_item i SET push_id = push.id FROM push, unnest($6::text[], $7::text[]) AS v(item, location)
            WHERE i.store_id = $1 AND i.channel_item_id = v.item AND i.channel_location_id = v.location
         )
         SELECT id, idempotency_key FROM push`,
        [
          storeId,
          base,
          mode,
          JSON.stringify(lines),
          toSend.length === 0 ? 'done' : 'pending',
          lines.map((l) => l.channelItemId),
          lines.map((l) => l.channelLocationId),
        ],
      );
      if (toSend.length === 0) {
        await this.settleApplied(
          manager,
          storeId,
          id,
          mode,
          windowSeconds,
          lines.map((line) => ({ line, channelQuantity: null })),
        );
        return 'settled' as const;
      }
      return { id, mode, idempotency_key: key, lines, failures: 0 };
    });
  }

  /**
   * Records the channel's answer to a push in one transaction: applied lines settle, stale lines learn the channel's
   * value (drift) and wait for the store's order import (at most `staleGraceSeconds`, see STOCK_ORDER_WAIT), refused
   * lines wait. The push is done when anything applied.
   */
  async settle(
    storeId: string,
    push: PushRow,
    windowSeconds: number,
    outcome: { applied: LineWithValue[]; stale: LineWithValue[]; retry: LineWithReason[]; failed: LineWithReason[] },
    meta: { attempts: number; cost: number | null; staleGraceSeconds: number },
  ): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await this.lockClaimed(manager, storeId, push);
      const anyApplied = outcome.applied.length > 0;
      const reasons = [...outcome.failed, ...outcome.retry].map((f) => f.reason);
      await manager.query(`UPDATE stock_push SET status = $2, error = $3, finished_at = now(), attempts = $4, cost = $5 WHERE id = $1`, [
        push.id,
        anyApplied ? 'done' : 'failed',
        outcome.stale.length > 0 ? 'stale' : reasons.length > 0 ? (reasons[0]?.slice(0, 2000) ?? null) : null,
        meta.attempts,
        JSON.stringify(meta.cost === null ? null : { actualQueryCost: meta.cost }),
      ]);
      await this.settleApplied(manager, storeId, push.id, push.mode, windowSeconds, outcome.applied);
      if (outcome.stale.length > 0) {
        await manager.query(
          `UPDATE stock_sync_item i SET drift_total = drift_total + (v.value - coalesce(i.channel_quantity, v.value)), channel_quantity = v.value,
                  push_id = NULL, due_at = now() + make_interval(secs => $3), awaits_orders_since = now()
             FROM unnest($4::text[], $5::text[], $6::int[]) AS v(item, location, value)
            WHERE i.store_id = $1 AND i.push_id = $2 AND i.channel_item_id = v.item AND i.channel_location_id = v.location`,
          [
            storeId,
            push.id,
            meta.staleGraceSeconds,
            outcome.stale.map((s) => s.line.channelItemId),
            outcome.stale.map((s) => s.line.channelLocationId),
            outcome.stale.map((s) => s.channelQuantity ?? 0),
          ],
        );
      }
      await this.release(manager, storeId, push.id, outcome.retry, meta.staleGraceSeconds);
      await this.release(manager, storeId, push.id, outcome.failed, FAILED_LINE_RETRY_SECONDS);
    });
  }

  /** A push refused as a whole (nothing applied, outcome known): its pairs wait, then go again. */
  async refuse(storeId: string, push: PushRow, reason: string): Promise<void> {
    const pushId = push.id;
    await this.dataSource.transaction(async (manager) => {
      await this.lockClaimed(manager, storeId, push);
      await manager.query(`UPDATE stock_push SET status = 'failed', error = $2, finished_at = now() WHERE id = $1`, [
        pushId,
        reason.slice(0, 2000),
      ]);
      await manager.query(
        `UPDATE stock_sync_item SET push_id = NULL, due_at = now() + make_interval(secs => $3) WHERE store_id = $1 AND push_id = $2`,
        [storeId, pushId, FAILED_LINE_RETRY_SECONDS],
      );
    });
  }

  /**
   * Locks the push's pairs in the one order every writer of stock_sync_item uses (store, location, item; see
   * StockChangeHandler) before the settle's updates touch them in whatever order their joins take: a burst of changes
   * marking the same pairs then waits for the settle instead of deadlocking with it.
   */
  private async lockClaimed(manager: EntityManager, storeId: string, push: PushRow): Promise<void> {
    await manager.query(
      `SELECT 1 FROM stock_sync_item i JOIN unnest($2::text[], $3::text[]) AS v(item, location)
           ON i.store_id = $1 AND i.channel_location_id = v.location AND i.channel_item_id = v.item
        ORDER BY i.store_id, i.channel_location_id, i.channel_item_id FOR UPDATE OF i`,
      [storeId, push.lines.map((l) => l.channelItemId), push.lines.map((l) => l.channelLocationId)],
    );
  }

  // After a write the channel applied: it now holds these values; due again only if newer changes wait.
  private async settleApplied(
    manager: EntityManager,
    storeId: string,
    pushId: string,
    mode: StockSyncMode,
    windowSeconds: number,
    applied: LineWithValue[],
  ): Promise<void> {
    if (applied.length === 0) {
      return;
    }
    await manager.query(
      // A lifecycle move since the claim (another generation) keeps the pair's versions and baseline: its own push follows.
      `UPDATE stock_sync_item i SET
          pushed_version = CASE WHEN i.generation = v.generation THEN greatest(i.pushed_version, v.to_version) ELSE i.pushed_version END,
          -- What the channel said it holds after the write; else what the write implies (unknown + delta stays unknown).
          channel_quantity = coalesce(v.after, CASE WHEN $3 = 'absolute' THEN v.quantity ELSE i.channel_quantity + v.delta END),
          baseline_available = CASE WHEN i.generation = v.generation THEN v.quantity ELSE i.baseline_available END,
          last_pushed_at = now(),
          synced_at = now(),
          awaits_orders_since = NULL,
          push_id = NULL,
          due_at = CASE WHEN i.generation <> v.generation AND i.wanted_version > i.pushed_version THEN now()
                        WHEN i.wanted_version > v.to_version THEN now() + make_interval(secs => $4) ELSE NULL END,
          pending_since = CASE WHEN i.wanted_version > v.to_version OR i.generation <> v.generation THEN i.pending_since ELSE NULL END,
          updated_at = now()
         FROM unnest($5::text[], $6::text[], $7::bigint[], $8::int[], $9::int[], $10::int[], $11::int[])
              AS v(item, location, to_version, quantity, delta, after, generation)
        WHERE i.store_id = $1 AND i.push_id = $2 AND i.channel_item_id = v.item AND i.channel_location_id = v.location`,
      [
        storeId,
        pushId,
        mode,
        windowSeconds,
        applied.map((a) => a.line.channelItemId),
        applied.map((a) => a.line.channelLocationId),
        applied.map((a) => a.line.toVersion),
        applied.map((a) => a.line.quantity),
        applied.map((a) => a.line.delta),
        applied.map((a) => a.channelQuantity),
        applied.map((a) => a.line.generation ?? 0),
      ],
    );
  }

  private async release(
    manager: EntityManager,
    storeId: string,
    pushId: string,
    lines: LineWithReason[],
    afterSeconds: number,
  ): Promise<void> {
    if (lines.length === 0) {
      return;
    }
    await manager.query(
      `UPDATE stock_sync_item i SET push_id = NULL, due_at = now() + make_interval(secs => $3)
         FROM unnest($4::text[], $5::text[]) AS v(item, location)
        WHERE i.store_id = $1 AND i.push_id = $2 AND i.channel_item_id = v.item AND i.channel_location_id = v.location`,
      [storeId, pushId, afterSeconds, lines.map((l) => l.line.channelItemId), lines.map((l) => l.line.channelLocationId)],
    );
  }
}
