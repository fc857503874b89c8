import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { parseLossless } from '../graphql/shopify-graphql.client';

interface InventoryLevelPayload {
  inventory_item_id?: unknown;
  location_id?: unknown;
  available?: unknown;
  updated_at?: unknown;
}

/**
 * inventory_levels/update: an echo of our own push is ignored; any other change is drift. Absolute mode sets it
 * back with the next push, one window later (compare-and-set against the new value); delta mode only records it. Each drift is a
 * sync run, so the store's activity shows it.
 */
@Injectable()
export class InventoryLevelWebhookHandler {
  async handle(manager: EntityManager, storeId: string, rawBody: string): Promise<string> {
    const body = parseLossless(rawBody) as InventoryLevelPayload;
    const itemId = body.inventory_item_id;
    const locationId = body.location_id;
    if ((typeof itemId !== 'string' && typeof itemId !== 'number') || (typeof locationId !== 'string' && typeof locationId !== 'number') || typeof body.available !== 'number') {
      return 'ignored-malformed';
    }
    const item = `gid://shopify/InventoryItem/${String(itemId)}`;
    const location = `gid://shopify/Location/${String(locationId)}`;
    const [row] = await manager.query<{ channel_quantity: number | null; in_flight: number | null; last_pushed_at: Date | null; mode: string; window: number | null; sku: string }[]>(
      // in_flight: the value a push that is on its way right now will leave on Shopify; its echo may beat its commit.
      `SELECT i.channel_quantity, i.last_pushed_at, s.settings->'stockSync'->>'mode' AS mode, (s.settings->'stockSync'->>'windowSeconds')::int AS window, p.sku,
              (SELECT CASE WHEN sp.mode = 'absolute' THEN (l->>'available')::int ELSE i.channel_quantity + (l->>'delta')::int END
                 FROM stock_push sp, jsonb_array_elements(sp.lines) l
                WHERE sp.id = i.push_id AND l->>'inventoryItemId' = i.inventory_item_id AND l->>'locationId' = i.location_id) AS in_flight
         FROM stock_sync_item i JOIN store s ON s.id = i.store_id JOIN product p ON p.id = i.product_id
        WHERE i.store_id = $1 AND i.inventory_item_id = $2 AND i.location_id = $3 FOR UPDATE OF i`,
      [storeId, item, location],
    );
    if (!row) {
      return 'ignored-unmapped';
    }
    const updatedAt = typeof body.updated_at === 'string' ? new Date(body.updated_at) : null;
    // Shopify's updated_at has whole seconds: only a change from an earlier second than our push is outdated.
    const outdated = updatedAt !== null && row.last_pushed_at !== null && updatedAt.getTime() < Math.floor(row.last_pushed_at.getTime() / 1000) * 1000;
    if (body.available === row.channel_quantity || body.available === row.in_flight || outdated) {
      return 'echo';
    }
    if (row.channel_quantity === null && row.in_flight === null) {
      // Nothing known yet (no push so far, or delta mode's first): learn the value; there is nothing to compare with.
      await manager.query(`UPDATE stock_sync_item SET channel_quantity = $4 WHERE store_id = $1 AND inventory_item_id = $2 AND location_id = $3`, [
        storeId,
        item,
        location,
        body.available,
      ]);
      return 'learned';
    }
    const drift = body.available - (row.channel_quantity ?? row.in_flight ?? body.available);
    const absolute = row.mode !== 'delta';
    await manager.query(
      `UPDATE stock_sync_item SET channel_quantity = $4, drift_total = drift_total + $5,
              -- Pending again without inventing a version: the push that settles it reaches wanted_version.
              pushed_version = CASE WHEN $6 THEN least(pushed_version, wanted_version - 1) ELSE pushed_version END,
              due_at = CASE WHEN $6 AND wanted_version <= pushed_version THEN now() + make_interval(secs => $7) ELSE due_at END,
              pending_since = CASE WHEN $6 THEN coalesce(pending_since, now()) ELSE pending_since END,
              updated_at = now()
        WHERE store_id = $1 AND inventory_item_id = $2 AND location_id = $3`,
      // Set back at the end of a window, not at once: a sale behind the change gets that long to be imported.
      [storeId, item, location, body.available, drift, absolute, row.window ?? 30],
    );
    const [run] = await manager.query<{ id: string }[]>(
      `INSERT INTO sync_run (store_id, kind, status, trigger, counts, finished_at) VALUES ($1, 'stock-channel-edit', 'succeeded', 'webhook', $2, now()) RETURNING id`,
      [storeId, JSON.stringify({ drift: 1 })],
    );
    await manager.query(`INSERT INTO sync_run_item (sync_run_id, external_ref, sku, outcome, reason) VALUES ($1, $2, $3, 'drift', $4)`, [
      run?.id,
      `${item}@${location}`,
      row.sku,
      `Shopify changed to ${body.available} (expected ${row.channel_quantity ?? 'unknown'})${absolute ? '; set back with the next push' : '; recorded (delta mode)'}`,
    ]);
    return absolute ? 'drift-correcting' : 'drift-recorded';
  }
}
