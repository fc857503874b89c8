import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { StockSyncMode } from '../../channel/channel-adapter.interface';
import { WarehousePort } from '../../ports/warehouse.port';

interface PairKeyRow {
  channel_location_id: string;
  channel_item_id: string;
  warehouse_id: string;
  product_id: string;
}

/**
 * The set of pairs a store syncs and their lifecycle moves, set-based (a store may map 20,000 pairs). Every method
 * runs in the caller's transaction; warehouse values come through the warehouse port.
 */
@Injectable()
export class StockPairRepository {
  constructor(private readonly warehouse: WarehousePort) {}

  /**
   * Follows the mappings: pairs no longer mapped go, newly mapped pairs come with the first push their mode
   * prescribes (absolute: due at once; delta: the warehouse's value now is the baseline, nothing to push). For a store
   * that is not syncing, a delta baseline is provisional: enabling takes it again.
   */
  async track(manager: EntityManager, storeId: string, mode: StockSyncMode, syncing: boolean, asOfEventId: string | null): Promise<number> {
    await manager.query(
      `DELETE FROM stock_sync_item i WHERE i.store_id = $1 AND NOT EXISTS (
         SELECT 1 FROM channel_product_mapping pm JOIN channel_location_mapping lm ON lm.store_id = pm.store_id
          WHERE pm.store_id = i.store_id AND pm.stock_item_id = i.channel_item_id AND pm.product_id = i.product_id
            AND lm.channel_location_id = i.channel_location_id AND lm.warehouse_id = i.warehouse_id)`,
      [storeId],
    );
    const missing = await manager.query<(PairKeyRow & { sku: string | null })[]>(
      `SELECT lm.channel_location_id, pm.stock_item_id AS channel_item_id, lm.warehouse_id, pm.product_id, pm.sku
         FROM channel_product_mapping pm JOIN channel_location_mapping lm ON lm.store_id = pm.store_id
        WHERE pm.store_id = $1 AND pm.stock_item_id IS NOT NULL
          AND NOT EXISTS (SELECT 1 FROM stock_sync_item i WHERE i.store_id = pm.store_id
                             AND i.channel_location_id = lm.channel_location_id AND i.channel_item_id = pm.stock_item_id)`,
      [storeId],
    );
    if (missing.length === 0) {
      return 0;
    }
    const base = await this.baselines(manager, missing, asOfEventId);
    // Delta: pending only for changes after the lifecycle event (their part is not in the baseline).
    await manager.query(
      `INSERT INTO stock_sync_item (store_id, channel_location_id, channel_item_id, warehouse_id, product_id, sku, wanted_version,
                                    pushed_version, baseline_available, due_at, pending_since, synced_at)
       SELECT $1, v.location, v.item, v.warehouse_id, v.product_id, v.sku, v.version,
              CASE WHEN $2 = 'absolute' THEN v.version - 1 ELSE v.base_version END, v.base_available,
              CASE WHEN $2 = 'absolute' OR v.version > v.base_version THEN now() END,
              CASE WHEN $2 = 'absolute' OR v.version > v.base_version THEN now() END,
              CASE WHEN $2 = 'delta' AND $12 THEN now() END
         FROM unnest($3::text[], $4::text[], $5::uuid[], $6::uuid[], $7::text[], $8::bigint[], $9::bigint[], $10::int[], $11::int[])
              AS v(location, item, warehouse_id, product_id, sku, version, base_version, base_available, available)
       ON CONFLICT DO NOTHING`,
      [
        storeId,
        mode,
        missing.map((m) => m.channel_location_id),
        missing.map((m) => m.channel_item_id),
        missing.map((m) => m.warehouse_id),
        missing.map((m) => m.product_id),
        missing.map((m) => m.sku ?? ''),
        base.map((b) => b.version),
        base.map((b) => b.baseVersion),
        base.map((b) => b.baseAvailable),
        base.map((b) => b.available),
        syncing,
      ],
    );
    return missing.length;
  }

  /** Absolute mode's first push: every pair is due at once, to be set to the warehouse's current value. */
  async pushAll(manager: EntityManager, storeId: string): Promise<void> {
    const pairs = await this.pairs(manager, storeId, false);
    const levels = await this.warehouse.levels(
      pairs.map((p) => ({ warehouseId: p.warehouse_id, productId: p.product_id })),
      manager,
    );
    await manager.query(
      `UPDATE stock_sync_item i SET generation = i.generation + 1, wanted_version = greatest(i.wanted_version, v.version),
              pushed_version = least(i.pushed_version, greatest(i.wanted_version, v.version) - 1),
              due_at = now(), pending_since = coalesce(i.pending_since, now()), updated_at = now()
         FROM unnest($2::text[], $3::text[], $4::bigint[]) AS v(location, item, version)
        WHERE i.store_id = $1 AND i.channel_location_id = v.location AND i.channel_item_id = v.item`,
      [storeId, pairs.map((p) => p.channel_location_id), pairs.map((p) => p.channel_item_id), levels.map((l) => l.version)],
    );
  }

  /**
   * Delta mode's baseline: the warehouse's value now is what the channel reflects; nothing is pushed. `neverSynced`
   * limits it to pairs that have no baseline yet (the others keep theirs and push what changed since).
   */
  async rebaseline(manager: EntityManager, storeId: string, neverSynced: boolean, asOfEventId: string | null): Promise<void> {
    const pairs = await this.pairs(manager, storeId, neverSynced);
    const base = await this.baselines(manager, pairs, asOfEventId);
    await manager.query(
      // A pair pushed past the baseline's version (a push after the event) keeps what that push left.
      `UPDATE stock_sync_item i SET generation = i.generation + 1,
              baseline_available = CASE WHEN i.pushed_version > v.base_version THEN i.baseline_available ELSE v.base_available END,
              wanted_version = greatest(i.wanted_version, v.version), pushed_version = greatest(i.pushed_version, v.base_version),
              due_at = CASE WHEN greatest(i.wanted_version, v.version) > greatest(i.pushed_version, v.base_version) THEN now() END,
              pending_since = CASE WHEN greatest(i.wanted_version, v.version) > greatest(i.pushed_version, v.base_version)
                                   THEN coalesce(i.pending_since, now()) END,
              synced_at = now(), updated_at = now()
         FROM unnest($2::text[], $3::text[], $4::bigint[], $5::bigint[], $6::int[]) AS v(location, item, version, base_version, base_available)
        -- A push on its way settles its own lines.
        WHERE i.store_id = $1 AND i.channel_location_id = v.location AND i.channel_item_id = v.item AND i.push_id IS NULL`,
      [
        storeId,
        pairs.map((p) => p.channel_location_id),
        pairs.map((p) => p.channel_item_id),
        base.map((b) => b.version),
        base.map((b) => b.baseVersion),
        base.map((b) => b.baseAvailable),
      ],
    );
  }

  /**
   * Per pair, the warehouse's value at the lifecycle event (`asOfEventId`) and now. Stock changes written after that
   * event are not part of the baseline: their `stock.changed` events say what the level was before them. Without an
   * event id (or no change since), the baseline is the level now.
   */
  private async baselines(
    manager: EntityManager,
    pairs: PairKeyRow[],
    asOfEventId: string | null,
  ): Promise<{ version: string; available: number; baseVersion: string; baseAvailable: number }[]> {
    const levels = await this.warehouse.levels(
      pairs.map((p) => ({ warehouseId: p.warehouse_id, productId: p.product_id })),
      manager,
    );
    const before = new Map<string, { version: string; available: number }>();
    if (asOfEventId !== null && pairs.length > 0) {
      const rows = await manager.query<{ level: string; version: string; available: number }[]>(
        `SELECT DISTINCT ON (aggregate_key) aggregate_key AS level, ((payload->>'version')::bigint - 1)::text AS version,
                (payload->>'availableBefore')::int AS available
           FROM outbox_event WHERE id > $1 AND topic = 'stock.changed' AND aggregate_key = ANY($2::text[])
          ORDER BY aggregate_key, id`,
        [asOfEventId, [...new Set(pairs.map((p) => `${p.warehouse_id}/${p.product_id}`))]],
      );
      for (const row of rows) {
        before.set(row.level, { version: row.version, available: row.available });
      }
    }
    return levels.map((level) => {
      const earlier = before.get(`${level.warehouseId}/${level.productId}`);
      return {
        version: level.version,
        available: level.available,
        baseVersion: earlier?.version ?? level.version,
        baseAvailable: earlier?.available ?? level.available,
      };
    });
  }

  /** Pairs that waited while the store was paused are due now. */
  async pendingDueNow(manager: EntityManager, storeId: string): Promise<void> {
    await manager.query(
      `UPDATE stock_sync_item SET due_at = now(), updated_at = now() WHERE store_id = $1 AND wanted_version > pushed_version AND push_id IS NULL`,
      [storeId],
    );
  }

  /** A disconnected store's sync state goes; pushes it never sent are abandoned (a reconnect starts afresh). */
  async forget(manager: EntityManager, storeId: string): Promise<void> {
    await manager.query(`DELETE FROM stock_sync_item WHERE store_id = $1`, [storeId]);
    await manager.query(
      `UPDATE stock_push SET status = 'failed', error = 'store disconnected', finished_at = now() WHERE store_id = $1 AND status = 'pending'`,
      [storeId],
    );
  }

  private pairs(manager: EntityManager, storeId: string, neverSynced: boolean): Promise<PairKeyRow[]> {
    return manager.query(
      `SELECT channel_location_id, channel_item_id, warehouse_id, product_id FROM stock_sync_item
        WHERE store_id = $1 AND ($2::boolean IS FALSE OR synced_at IS NULL)`,
      [storeId, neverSynced],
    );
  }
}
