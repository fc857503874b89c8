import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ChannelAdapterException, ChannelErrorCode, StoreService, StoreStatus, SyncFailurePolicy, type ChannelContext } from '@gantry/core';
import { DataSource } from 'typeorm';
import type { ShopifyStoreSettings } from '../settings/shopify-store.settings';
import { ShopifyInventoryClient } from './shopify-inventory.client';
import { MAX_LINES_PER_PUSH, StockFlushReadiness } from './stock-flush.readiness';
import { pushIdempotencyKey, type PushLine } from './stock-push.lines';
import { StockPushRunRecorder } from './stock-push-run.recorder';

// A sale Shopify counted that the warehouse has not imported yet: give the order this long to arrive.
const STALE_GRACE_SECONDS = 5;

interface PushRow {
  id: string;
  mode: 'absolute' | 'delta';
  idempotency_key: string;
  lines: PushLine[];
}

export interface FlushOutcome {
  pushes: number;
  lines: number;
  stale: number;
}

/**
 * Sends a store's due stock changes to Shopify, at most 250 quantities per call. A push is written down before
 * it is sent, so after a crash the same lines go again under the same idempotency key and apply once.
 */
@Injectable()
export class StockPushService {
  private readonly logger = new Logger(StockPushService.name);
  private readonly policy = new SyncFailurePolicy();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly stores: StoreService,
    private readonly inventory: ShopifyInventoryClient,
    private readonly runs: StockPushRunRecorder,
    private readonly readiness: StockFlushReadiness,
  ) {}

  /** Pushes everything due for the store now; returns what it sent. */
  async flush(storeId: string): Promise<FlushOutcome> {
    const outcome: FlushOutcome = { pushes: 0, lines: 0, stale: 0 };
    const store = await this.stores.get(storeId);
    if (store.status !== StoreStatus.CONNECTED) {
      return outcome;
    }
    const ctx = await this.stores.contextFor(storeId);
    const settings = ctx.settings as ShopifyStoreSettings;
    if (!settings.stockSync.enabled) {
      return outcome;
    }
    try {
      await this.flushLoop(ctx, settings, outcome);
    } catch (error) {
      if (error instanceof ChannelAdapterException && error.code === ChannelErrorCode.AUTH_REVOKED) {
        // A stale compare-and-set re-reads Shopify, which meets a revoked token too.
        await this.stores.markNeedsReauth(storeId);
      }
      throw error;
    }
    return outcome;
  }

  private async flushLoop(ctx: ChannelContext, settings: ShopifyStoreSettings, outcome: FlushOutcome): Promise<void> {
    const storeId = ctx.storeId;
    // Only a crash or an unconfirmed send leaves a push pending, and either ends a flush: look until none is left.
    let lookForPending = true;
    for (let first = true; ; first = false) {
      const pending: PushRow | null = lookForPending ? await this.pendingPush(storeId) : null;
      lookForPending = pending !== null;
      // The job was enqueued because a batch was ready; after that, a partial remainder may wait for company.
      if (!pending && !first && !(await this.readiness.isReady(storeId))) {
        return;
      }
      const push = pending ?? (await this.claim(ctx, settings));
      if (push === 'settled') {
        continue;
      }
      if (!push) {
        return;
      }
      const stale = await this.send(ctx, push);
      outcome.pushes += 1;
      outcome.lines += push.lines.length;
      outcome.stale += stale;
    }
  }

  private async pendingPush(storeId: string): Promise<PushRow | null> {
    const [row] = await this.dataSource.query<PushRow[]>(
      `SELECT id, mode, idempotency_key, lines FROM stock_push WHERE store_id = $1 AND status = 'pending' ORDER BY id LIMIT 1`,
      [storeId],
    );
    return row ?? null;
  }

  /** Claims up to 250 due items and records the push that will carry them. */
  private async claim(ctx: ChannelContext, settings: ShopifyStoreSettings): Promise<PushRow | 'settled' | null> {
    return this.dataSource.transaction(async (manager) => {
      const items = await manager.query<
        {
          sku: string;
          inventory_item_id: string;
          location_id: string;
          warehouse_id: string;
          product_id: string;
          pushed_version: string;
          channel_quantity: number | null;
          baseline_available: number | null;
          available: number;
          version: string;
        }[]
      >(
        `SELECT p.sku, i.inventory_item_id, i.location_id, i.warehouse_id, i.product_id, i.pushed_version, i.channel_quantity, i.baseline_available,
                coalesce(l.on_hand - l.reserved, 0) AS available, coalesce(l.version, 0) AS version
           FROM stock_sync_item i JOIN product p ON p.id = i.product_id
           LEFT JOIN stock_level l ON l.warehouse_id = i.warehouse_id AND l.product_id = i.product_id
          WHERE i.store_id = $1 AND i.wanted_version > i.pushed_version AND i.push_id IS NULL AND i.due_at <= now()
          ORDER BY i.due_at, i.inventory_item_id LIMIT $2 FOR UPDATE OF i SKIP LOCKED`,
        [ctx.storeId, MAX_LINES_PER_PUSH],
      );
      if (items.length === 0) {
        return null;
      }
      const mode = settings.stockSync.mode;
      const lines: PushLine[] = [];
      for (const item of items) {
        const line: PushLine = {
          sku: item.sku,
          inventoryItemId: item.inventory_item_id,
          locationId: item.location_id,
          warehouseId: item.warehouse_id,
          productId: item.product_id,
          fromVersion: String(item.pushed_version),
          toVersion: String(item.version),
          available: item.available,
          // The value we last set (or saw in a webhook). Unknown before the first push: null opts out of the check.
          // A read just before that push would not guard anything: a sale Shopify counted earlier is in what it reads.
          changeFromQuantity: item.channel_quantity,
          delta: 0,
        };
        lines.push(line);
      }
      if (mode === 'delta') {
        const own = await this.ownOrderDeltas(manager.query.bind(manager), ctx.storeId, lines);
        lines.forEach((line, i) => {
          const item = items[i];
          line.delta = item.available - (item.baseline_available ?? item.available) - (own[i] ?? 0);
        });
      }
      const toSend = mode === 'delta' ? lines.filter((l) => l.delta !== 0) : lines;
      // A push refused before (nothing applied) may be tried again with the same lines: it needs a key of its own,
      // or Shopify would answer with the stored refusal.
      const base = pushIdempotencyKey(ctx.storeId, mode, lines);
      // One statement writes the push down and claims its items (each round trip counts when a store pushes hard).
      // refused always has one row, so the insert always answers one.
      const [{ id: pushId, idempotency_key: key }] = await manager.query<[{ id: string; idempotency_key: string }]>(
        `WITH refused AS (
           SELECT count(*)::int AS n FROM stock_push
            WHERE store_id = $1 AND status = 'failed' AND (idempotency_key = $2 OR idempotency_key LIKE $2 || '-r%')
         ), push AS (
           INSERT INTO stock_push (store_id, mode, idempotency_key, lines, status)
           SELECT $1, $3, CASE WHEN refused.n > 0 THEN $2 || '-r' || refused.n ELSE $2 END, $4, $5 FROM refused
           RETURNING id, idempotency_key
         ), claimed AS (
           UPDATE stock_sync_item i SET push_id = push.id FROM push, unnest($6::text[], $7::text[]) AS v(inventory_item_id, location_id)
            WHERE i.store_id = $1 AND i.inventory_item_id = v.inventory_item_id AND i.location_id = v.location_id
         )
         SELECT id, idempotency_key FROM push`,
        [
          ctx.storeId,
          base,
          mode,
          JSON.stringify(lines),
          toSend.length === 0 ? 'done' : 'pending',
          lines.map((l) => l.inventoryItemId),
          lines.map((l) => l.locationId),
        ],
      );
      if (toSend.length === 0) {
        // Only this store's own orders moved these items: Shopify counted them already.
        await this.settle(manager.query.bind(manager), ctx.storeId, pushId, lines, settings);
        return 'settled' as const;
      }
      return { id: pushId, mode, idempotency_key: key, lines };
    });
  }

  /** Sends one recorded push, retrying temporary failures under the same key; returns the number of stale lines. */
  private async send(ctx: ChannelContext, push: PushRow): Promise<number> {
    const reference = `gid://gantry/StockPush/${push.id}`;
    const settings = ctx.settings as ShopifyStoreSettings;
    for (let attempt = 1; ; attempt++) {
      try {
        const result =
          push.mode === 'absolute'
            ? await this.inventory.setAvailable(
                ctx,
                push.lines.map((l) => ({
                  inventoryItemId: l.inventoryItemId,
                  locationId: l.locationId,
                  quantity: l.available,
                  changeFromQuantity: l.changeFromQuantity,
                })),
                push.idempotency_key,
                reference,
              )
            : await this.inventory.adjustAvailable(
                ctx,
                push.lines
                  .filter((l) => l.delta !== 0)
                  .map((l) => ({ inventoryItemId: l.inventoryItemId, locationId: l.locationId, delta: l.delta })),
                push.idempotency_key,
                reference,
              );
        if (result.staleIndexes.length > 0) {
          await this.handleStale(ctx, push, result.staleIndexes);
          await this.runs.record(ctx.storeId, push.mode, push.lines, {
            calls: attempt,
            cost: result.cost,
            staleIndexes: result.staleIndexes,
          });
          return result.staleIndexes.length;
        }
        if (result.userErrors.length > 0) {
          throw new ChannelAdapterException(ChannelErrorCode.INVALID_DATA, result.userErrors.map((e) => e.message).join('; '));
        }
        await this.runs.record(ctx.storeId, push.mode, push.lines, { calls: attempt, cost: result.cost });
        await this.dataSource.transaction(async (manager) => {
          await manager.query(`UPDATE stock_push SET status = 'done', finished_at = now(), attempts = $2, cost = $3 WHERE id = $1`, [
            push.id,
            attempt,
            JSON.stringify(result.cost),
          ]);
          await this.settle(manager.query.bind(manager), ctx.storeId, push.id, push.lines, settings, result.after);
        });
        return 0;
      } catch (error) {
        const decision = this.policy.decide(error, attempt);
        if (decision.action === 'fail') {
          await this.fail(
            ctx.storeId,
            push,
            decision.reason,
            decision.markNeedsReauth,
            decision.code === ChannelErrorCode.INVALID_DATA || decision.code === ChannelErrorCode.NOT_FOUND,
          );
          await this.runs.record(ctx.storeId, push.mode, push.lines, { calls: attempt, cost: null, error: decision.reason });
          throw error;
        }
        // Same key on every retry: Shopify applies the push once however often it arrives.
        await new Promise((r) => setTimeout(r, decision.delayMs));
      }
    }
  }

  /** After a successful push: the channel now holds these values; due again only if newer changes wait. */
  private async settle(
    query: QueryFn,
    storeId: string,
    pushId: string,
    lines: PushLine[],
    settings: ShopifyStoreSettings,
    after = new Map<string, number>(),
  ): Promise<void> {
    await query(
      `UPDATE stock_sync_item i SET
          pushed_version = greatest(i.pushed_version, v.to_version),
          -- What Shopify said it holds after the write; else what the write implies (unknown + delta stays unknown).
          channel_quantity = coalesce(v.after, CASE WHEN $3 = 'absolute' THEN v.available ELSE i.channel_quantity + v.delta END),
          baseline_available = v.available,
          last_pushed_at = now(),
          push_id = NULL,
          due_at = CASE WHEN i.wanted_version > v.to_version THEN now() + make_interval(secs => $4) ELSE NULL END,
          pending_since = CASE WHEN i.wanted_version > v.to_version THEN i.pending_since ELSE NULL END,
          updated_at = now()
         FROM unnest($5::text[], $6::text[], $7::bigint[], $8::int[], $9::int[], $10::int[]) AS v(inventory_item_id, location_id, to_version, available, delta, after)
        WHERE i.store_id = $1 AND i.push_id = $2 AND i.inventory_item_id = v.inventory_item_id AND i.location_id = v.location_id`,
      [
        storeId,
        pushId,
        settings.stockSync.mode,
        settings.stockSync.windowSeconds,
        lines.map((l) => l.inventoryItemId),
        lines.map((l) => l.locationId),
        lines.map((l) => l.toVersion),
        lines.map((l) => l.available),
        lines.map((l) => l.delta),
        lines.map((l) => after.get(ShopifyInventoryClient.pairKey(l)) ?? null),
      ],
    );
  }

  /** Shopify moved (a sale the warehouse has not imported yet): learn its value, record drift, retry shortly. */
  private async handleStale(ctx: ChannelContext, push: PushRow, staleIndexes: number[]): Promise<void> {
    const stale = staleIndexes.map((i) => push.lines[i]).filter((l): l is PushLine => l !== undefined);
    const actual = await this.inventory.readAvailable(ctx, stale);
    await this.dataSource.transaction(async (manager) => {
      await manager.query(`UPDATE stock_push SET status = 'failed', error = 'stale', finished_at = now() WHERE id = $1`, [push.id]);
      for (const line of stale) {
        const value = actual.get(ShopifyInventoryClient.pairKey(line)) ?? 0;
        await manager.query(
          `UPDATE stock_sync_item SET drift_total = drift_total + ($4::int - coalesce(channel_quantity, $4::int)), channel_quantity = $4 WHERE store_id = $1 AND inventory_item_id = $2 AND location_id = $3`,
          [ctx.storeId, line.inventoryItemId, line.locationId, value],
        );
      }
      await manager.query(
        `UPDATE stock_sync_item SET push_id = NULL, due_at = now() + make_interval(secs => $3) WHERE store_id = $1 AND push_id = $2`,
        [ctx.storeId, push.id, STALE_GRACE_SECONDS],
      );
    });
  }

  private async fail(storeId: string, push: PushRow, reason: string, needsReauth: boolean, outcomeKnown: boolean): Promise<void> {
    if (needsReauth) {
      // The push stays pending: after reconnecting, it goes again under its key.
      await this.stores.markNeedsReauth(storeId);
      return;
    }
    if (!outcomeKnown) {
      // Timeouts and resets may have applied it: it stays pending and is re-sent under the same key later.
      this.logger.warn(`stock push ${push.id} for store ${storeId} not confirmed, will be re-sent: ${reason}`);
      return;
    }
    this.logger.warn(`stock push ${push.id} for store ${storeId} failed: ${reason}`);
    await this.dataSource.transaction(async (manager) => {
      await manager.query(`UPDATE stock_push SET status = 'failed', error = $2, finished_at = now() WHERE id = $1`, [
        push.id,
        reason.slice(0, 2000),
      ]);
      await manager.query(
        `UPDATE stock_sync_item SET push_id = NULL, due_at = now() + interval '60 seconds' WHERE store_id = $1 AND push_id = $2`,
        [storeId, push.id],
      );
    });
  }

  /**
   * Per line, the part of its level's change over (from, to] that this store's orders caused: Shopify counted it
   * already. One query for the batch (indexed by level and version).
   */
  private async ownOrderDeltas(query: QueryFn, storeId: string, lines: PushLine[]): Promise<number[]> {
    const rows = (await query(
      `SELECT v.idx::int AS idx, coalesce(sum((e.payload->'storeDeltas'->>$1::text)::int), 0)::int AS own
         FROM unnest($2::text[], $3::bigint[], $4::bigint[]) WITH ORDINALITY AS v(level, from_version, to_version, idx)
         LEFT JOIN outbox_event e ON e.topic = 'stock.changed' AND e.aggregate_key = v.level
              AND (e.payload->>'version')::bigint > v.from_version AND (e.payload->>'version')::bigint <= v.to_version
        GROUP BY v.idx`,
      [storeId, lines.map((l) => `${l.warehouseId}/${l.productId}`), lines.map((l) => l.fromVersion), lines.map((l) => l.toVersion)],
    )) as { idx: number; own: number }[];
    const own = new Array<number>(lines.length).fill(0);
    for (const row of rows) {
      own[row.idx - 1] = row.own;
    }
    return own;
  }
}

type QueryFn = (sql: string, params?: unknown[]) => Promise<unknown>;
