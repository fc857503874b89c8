import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DomainException, StoreService, StoreStatus, SyncRunService, type SyncRun } from '@gantry/core';
import { DataSource } from 'typeorm';
import type { ShopifyStoreSettings } from '../settings/shopify-store.settings';
import { ShopifyInventoryClient } from './shopify-inventory.client';

interface ReconcileRow {
  inventory_item_id: string;
  location_id: string;
  sku: string;
  available: number;
  channel_quantity: number | null;
}

const PAGE = 1000;

/**
 * Compares Shopify's available with what it should be for every mapped (location, item): the warehouse's value in
 * absolute mode, our running estimate in delta mode. Reports drift per item in a sync run; absolute mode queues a
 * correction (pushed like any change, with compare-and-set against the value just read).
 */
@Injectable()
export class StockReconcileService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly stores: StoreService,
    private readonly inventory: ShopifyInventoryClient,
    private readonly runs: SyncRunService,
  ) {}

  async reconcile(storeId: string, trigger: 'manual' | 'schedule'): Promise<SyncRun> {
    const store = await this.stores.get(storeId);
    if (store.status !== StoreStatus.CONNECTED) {
      throw DomainException.conflict(`Store ${store.name} is ${store.status}; reconnect it first`);
    }
    const ctx = await this.stores.contextFor(storeId);
    const mode = (ctx.settings as ShopifyStoreSettings).stockSync.mode;
    await this.trackEveryMappedPair(storeId);
    const run = await this.runs.start({ storeId, kind: 'stock-reconcile', trigger });
    let drifted = 0;
    try {
      for (let offset = 0; ; offset += PAGE) {
        const rows = await this.dataSource.query<ReconcileRow[]>(
          `SELECT i.inventory_item_id, i.location_id, p.sku, coalesce(l.on_hand - l.reserved, 0) AS available, i.channel_quantity
             FROM stock_sync_item i JOIN product p ON p.id = i.product_id
             LEFT JOIN stock_level l ON l.warehouse_id = i.warehouse_id AND l.product_id = i.product_id
            WHERE i.store_id = $1 ORDER BY i.inventory_item_id, i.location_id LIMIT $2 OFFSET $3`,
          [storeId, PAGE, offset],
        );
        if (rows.length === 0) {
          break;
        }
        const pairs = rows.map((r) => ({ inventoryItemId: r.inventory_item_id, locationId: r.location_id }));
        const actual = await this.inventory.readAvailable(ctx, pairs);
        const outcomes = rows.map((r) => {
          const onShopify =
            actual.get(ShopifyInventoryClient.pairKey({ inventoryItemId: r.inventory_item_id, locationId: r.location_id })) ?? 0;
          const expected = mode === 'absolute' ? r.available : (r.channel_quantity ?? onShopify);
          return { row: r, onShopify, drift: onShopify - expected };
        });
        const drifts = outcomes.filter((o) => o.drift !== 0);
        drifted += drifts.length;
        await this.applyDrift(storeId, mode, drifts);
        await this.runs.recordItems(
          run.id,
          outcomes.map((o) => ({
            externalRef: `${o.row.inventory_item_id}@${o.row.location_id}`,
            sku: o.row.sku,
            outcome: o.drift === 0 ? 'in-sync' : 'drift',
            reason:
              o.drift === 0
                ? null
                : `Shopify has ${o.onShopify}, expected ${o.onShopify - o.drift}${mode === 'absolute' ? '; correcting' : '; recorded (delta mode does not overwrite)'}`,
          })),
        );
      }
      return await this.runs.finish(run.id, { extraCounts: { drifted } });
    } catch (error) {
      await this.runs.finish(run.id, { error: error instanceof Error ? error.message : String(error) });
      throw error;
    }
  }

  /** Every mapped pair gets a sync row, so pairs that never moved are compared too. */
  private async trackEveryMappedPair(storeId: string): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO stock_sync_item (store_id, location_id, inventory_item_id, warehouse_id, product_id, wanted_version, pushed_version, baseline_available)
       SELECT pm.store_id, lm.location_id, pm.inventory_item_id, lm.warehouse_id, pm.product_id,
              coalesce(l.version, 0), coalesce(l.version, 0), coalesce(l.on_hand - l.reserved, 0)
         FROM product_mapping pm
         JOIN shopify_location_mapping lm ON lm.store_id = pm.store_id
         LEFT JOIN stock_level l ON l.warehouse_id = lm.warehouse_id AND l.product_id = pm.product_id
        WHERE pm.store_id = $1 AND pm.inventory_item_id IS NOT NULL
       ON CONFLICT DO NOTHING`,
      [storeId],
    );
  }

  private async applyDrift(
    storeId: string,
    mode: 'absolute' | 'delta',
    drifts: { row: ReconcileRow; onShopify: number; drift: number }[],
  ): Promise<void> {
    if (drifts.length === 0) {
      return;
    }
    // Absolute: the channel holds no warehouse version any more, so the pair is due again at once.
    await this.dataSource.query(
      `UPDATE stock_sync_item i SET channel_quantity = v.quantity, drift_total = drift_total + v.drift,
              -- Pending again without inventing a version: the push that settles it reaches wanted_version.
              pushed_version = CASE WHEN $2 = 'absolute' THEN least(i.pushed_version, i.wanted_version - 1) ELSE i.pushed_version END,
              due_at = CASE WHEN $2 = 'absolute' THEN now() ELSE i.due_at END,
              pending_since = CASE WHEN $2 = 'absolute' THEN coalesce(i.pending_since, now()) ELSE i.pending_since END,
              updated_at = now()
         FROM unnest($3::text[], $4::text[], $5::int[], $6::int[]) AS v(inventory_item_id, location_id, quantity, drift)
        WHERE i.store_id = $1 AND i.inventory_item_id = v.inventory_item_id AND i.location_id = v.location_id`,
      [
        storeId,
        mode,
        drifts.map((d) => d.row.inventory_item_id),
        drifts.map((d) => d.row.location_id),
        drifts.map((d) => d.onShopify),
        drifts.map((d) => d.drift),
      ],
    );
  }
}
