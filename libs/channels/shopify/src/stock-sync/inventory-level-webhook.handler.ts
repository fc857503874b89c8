import { Injectable } from '@nestjs/common';
import { SyncRunService } from '@gantry/core';
import type { EntityManager } from 'typeorm';
import { parseLossless } from '../graphql/shopify-graphql.client';

interface InventoryLevelPayload {
  inventory_item_id?: unknown;
  location_id?: unknown;
  available?: unknown;
  updated_at?: unknown;
}

/** One inventory_levels/update delivery to decide; `key` names it in the answer (the inbox row id). */
export interface LevelDelivery {
  key: string;
  storeId: string;
  rawBody: string;
}

interface LevelChange extends LevelDelivery {
  item: string;
  location: string;
  available: number;
  updatedAt: Date | null;
}

interface ItemState {
  channel_quantity: number | null;
  in_flight: number | null;
  last_pushed_at: Date | null;
  mode: string;
  window: number | null;
  sku: string;
}

type Decision = 'ignored-unmapped' | 'echo' | 'learned' | 'drift';

// in_flight: the value a push that is on its way right now will leave on Shopify; its echo may beat its commit.
const STATE_COLUMNS = `i.channel_quantity, i.last_pushed_at, s.settings->'stockSync'->>'mode' AS mode, (s.settings->'stockSync'->>'windowSeconds')::int AS window, p.sku,
  (SELECT CASE WHEN sp.mode = 'absolute' THEN (l->>'available')::int ELSE i.channel_quantity + (l->>'delta')::int END
     FROM stock_push sp, jsonb_array_elements(sp.lines) l
    WHERE sp.id = i.push_id AND l->>'inventoryItemId' = i.inventory_item_id AND l->>'locationId' = i.location_id) AS in_flight`;

/**
 * inventory_levels/update: an echo of our own push is ignored; a value for a pair we know nothing about yet is
 * learned; any other change is drift. Absolute mode sets it back with the next push, one window later
 * (compare-and-set against the new value); delta mode only records it. Each drift is a sync run, so the store's
 * activity shows it. A batch is decided with one read and one write (a push echoes up to 250 deliveries at once).
 */
@Injectable()
export class InventoryLevelWebhookHandler {
  constructor(private readonly runs: SyncRunService) {}

  async handleMany(manager: EntityManager, deliveries: LevelDelivery[]): Promise<Map<string, string>> {
    const outcomes = new Map<string, string>();
    const changes: LevelChange[] = [];
    for (const delivery of deliveries) {
      const change = InventoryLevelWebhookHandler.parse(delivery);
      if (change) {
        changes.push(change);
      } else {
        outcomes.set(delivery.key, 'ignored-malformed');
      }
    }
    // A pair delivered twice in one batch is decided in order, one delivery at a time; the rest in one query.
    const seen = new Map<string, number>();
    for (const c of changes) {
      seen.set(pairOf(c), (seen.get(pairOf(c)) ?? 0) + 1);
    }
    await this.decideTogether(
      manager,
      changes.filter((c) => seen.get(pairOf(c)) === 1),
      outcomes,
    );
    for (const change of changes.filter((c) => (seen.get(pairOf(c)) ?? 0) > 1)) {
      await this.decideTogether(manager, [change], outcomes);
    }
    return outcomes;
  }

  private async decideTogether(manager: EntityManager, changes: LevelChange[], outcomes: Map<string, string>): Promise<void> {
    if (changes.length === 0) {
      return;
    }
    const rows = await manager.query<(ItemState & { idx: number })[]>(
      `SELECT v.idx::int AS idx, ${STATE_COLUMNS}
         FROM unnest($1::uuid[], $2::text[], $3::text[]) WITH ORDINALITY AS v(store_id, item, location, idx)
         JOIN stock_sync_item i ON i.store_id = v.store_id AND i.inventory_item_id = v.item AND i.location_id = v.location
         JOIN store s ON s.id = i.store_id JOIN product p ON p.id = i.product_id
        -- The stock-change handler's lock order: concurrent batches must not deadlock.
        ORDER BY i.store_id, i.location_id, i.inventory_item_id
        FOR UPDATE OF i`,
      [changes.map((c) => c.storeId), changes.map((c) => c.item), changes.map((c) => c.location)],
    );
    const byIndex = new Map(rows.map((r) => [r.idx, r]));
    const learned: LevelChange[] = [];
    for (const [k, change] of changes.entries()) {
      const state = byIndex.get(k + 1);
      const decision = InventoryLevelWebhookHandler.decide(change, state);
      if (decision === 'learned') {
        learned.push(change);
      }
      outcomes.set(change.key, decision === 'drift' && state ? await this.recordDrift(manager, change, state) : decision);
    }
    if (learned.length > 0) {
      await manager.query(
        `UPDATE stock_sync_item i SET channel_quantity = v.quantity
           FROM unnest($1::uuid[], $2::text[], $3::text[], $4::int[]) AS v(store_id, item, location, quantity)
          WHERE i.store_id = v.store_id AND i.inventory_item_id = v.item AND i.location_id = v.location`,
        [learned.map((c) => c.storeId), learned.map((c) => c.item), learned.map((c) => c.location), learned.map((c) => c.available)],
      );
    }
  }

  private static decide(change: LevelChange, state: ItemState | undefined): Decision {
    if (!state) {
      return 'ignored-unmapped';
    }
    // Shopify's updated_at has whole seconds: only a change from an earlier second than our push is outdated.
    const outdated =
      change.updatedAt !== null &&
      state.last_pushed_at !== null &&
      change.updatedAt.getTime() < Math.floor(state.last_pushed_at.getTime() / 1000) * 1000;
    if (change.available === state.channel_quantity || change.available === state.in_flight || outdated) {
      return 'echo';
    }
    // Nothing known yet (no push so far, or delta mode's first): nothing to compare with.
    return state.channel_quantity === null && state.in_flight === null ? 'learned' : 'drift';
  }

  private async recordDrift(manager: EntityManager, change: LevelChange, state: ItemState): Promise<string> {
    const drift = change.available - (state.channel_quantity ?? state.in_flight ?? change.available);
    const absolute = state.mode !== 'delta';
    await manager.query(
      `UPDATE stock_sync_item SET channel_quantity = $4, drift_total = drift_total + $5,
              -- Pending again without inventing a version: the push that settles it reaches wanted_version.
              pushed_version = CASE WHEN $6 THEN least(pushed_version, wanted_version - 1) ELSE pushed_version END,
              due_at = CASE WHEN $6 AND wanted_version <= pushed_version THEN now() + make_interval(secs => $7) ELSE due_at END,
              pending_since = CASE WHEN $6 THEN coalesce(pending_since, now()) ELSE pending_since END,
              updated_at = now()
        WHERE store_id = $1 AND inventory_item_id = $2 AND location_id = $3`,
      // Set back at the end of a window, not at once: a sale behind the change gets that long to be imported.
      [change.storeId, change.item, change.location, change.available, drift, absolute, state.window ?? 30],
    );
    await this.runs.recordFinished(
      {
        storeId: change.storeId,
        kind: 'stock-channel-edit',
        trigger: 'webhook',
        items: [
          {
            externalRef: `${change.item}@${change.location}`,
            sku: state.sku,
            outcome: 'drift',
            reason: `Shopify changed to ${change.available} (expected ${state.channel_quantity ?? state.in_flight ?? 'unknown'})${absolute ? '; set back with the next push' : '; recorded (delta mode)'}`,
          },
        ],
      },
      manager,
    );
    return absolute ? 'drift-correcting' : 'drift-recorded';
  }

  private static parse(delivery: LevelDelivery): LevelChange | null {
    let body: InventoryLevelPayload;
    try {
      body = parseLossless(delivery.rawBody) as InventoryLevelPayload;
    } catch {
      return null;
    }
    const itemId = body.inventory_item_id;
    const locationId = body.location_id;
    if (
      (typeof itemId !== 'string' && typeof itemId !== 'number') ||
      (typeof locationId !== 'string' && typeof locationId !== 'number') ||
      typeof body.available !== 'number'
    ) {
      return null;
    }
    return {
      ...delivery,
      item: `gid://shopify/InventoryItem/${String(itemId)}`,
      location: `gid://shopify/Location/${String(locationId)}`,
      available: body.available,
      updatedAt: typeof body.updated_at === 'string' ? new Date(body.updated_at) : null,
    };
  }
}

const pairOf = (c: LevelChange): string => `${c.storeId}|${c.item}|${c.location}`;
