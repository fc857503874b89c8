import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { STOCK_ORDER_WAIT } from './stock-order-wait.policy';
import { SyncRunService } from '../../sync-run/sync-run.service';

/** A quantity the channel reports for one pair (e.g. a Shopify inventory_levels/update webhook). */
export interface ChannelStockEdit {
  /** Names the edit in the answer (e.g. the inbox row id). */
  key: string;
  storeId: string;
  channelItemId: string;
  channelLocationId: string;
  available: number;
  /** When the channel says the change happened; older than our last push means outdated. */
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

// in_flight: the value a push that is on its way right now will leave on the channel; its echo may beat its commit.
const STATE_COLUMNS = `i.channel_quantity, i.last_pushed_at, s.settings->'stockSync'->>'mode' AS mode, (s.settings->'stockSync'->>'windowSeconds')::int AS window, i.sku,
  (SELECT CASE WHEN sp.mode = 'absolute' THEN (l->>'quantity')::int ELSE i.channel_quantity + (l->>'delta')::int END
     FROM stock_push sp, jsonb_array_elements(sp.lines) l
    WHERE sp.id = i.push_id AND l->>'channelItemId' = i.channel_item_id AND l->>'channelLocationId' = i.channel_location_id) AS in_flight`;

/**
 * Quantities the channel reports on its own: an echo of our own push is ignored; a value for a pair we know nothing
 * about yet is learned; any other change is drift. Absolute mode sets it back with a push once the store's order
 * import has settled (compare-and-set against the new value; see STOCK_ORDER_WAIT); delta mode only records it. Each drift is a sync run, so the store's
 * activity shows it. A batch is decided with one read and one write (a push echoes up to a batch of edits at once).
 */
@Injectable()
export class StockChannelEditService {
  constructor(private readonly runs: SyncRunService) {}

  async apply(manager: EntityManager, edits: ChannelStockEdit[]): Promise<Map<string, string>> {
    const outcomes = new Map<string, string>();
    // A pair reported twice in one batch is decided in order, one edit at a time; the rest in one query.
    const seen = new Map<string, number>();
    for (const e of edits) {
      seen.set(pairOf(e), (seen.get(pairOf(e)) ?? 0) + 1);
    }
    if (seen.size < edits.length) {
      // The repeated pairs are locked after the rest, one at a time: lock every pair of the batch at once first, in the
      // stock-change handler's order, so that no lock is taken out of it. (Without repeats, the one query below locks
      // in that order already.)
      await manager.query(
        `SELECT 1 FROM stock_sync_item i JOIN unnest($1::uuid[], $2::text[], $3::text[]) AS v(store_id, item, location)
             ON i.store_id = v.store_id AND i.channel_item_id = v.item AND i.channel_location_id = v.location
          ORDER BY i.store_id, i.channel_location_id, i.channel_item_id FOR UPDATE OF i`,
        [edits.map((c) => c.storeId), edits.map((c) => c.channelItemId), edits.map((c) => c.channelLocationId)],
      );
    }
    await this.decideTogether(
      manager,
      edits.filter((e) => seen.get(pairOf(e)) === 1),
      outcomes,
    );
    for (const edit of edits.filter((e) => (seen.get(pairOf(e)) ?? 0) > 1)) {
      await this.decideTogether(manager, [edit], outcomes);
    }
    return outcomes;
  }

  private async decideTogether(manager: EntityManager, edits: ChannelStockEdit[], outcomes: Map<string, string>): Promise<void> {
    if (edits.length === 0) {
      return;
    }
    const rows = await manager.query<(ItemState & { idx: number })[]>(
      `SELECT v.idx::int AS idx, ${STATE_COLUMNS}
         FROM unnest($1::uuid[], $2::text[], $3::text[]) WITH ORDINALITY AS v(store_id, item, location, idx)
         JOIN stock_sync_item i ON i.store_id = v.store_id AND i.channel_item_id = v.item AND i.channel_location_id = v.location
         JOIN store s ON s.id = i.store_id
        -- The stock-change handler's lock order: concurrent batches must not deadlock.
        ORDER BY i.store_id, i.channel_location_id, i.channel_item_id
        FOR UPDATE OF i`,
      [edits.map((c) => c.storeId), edits.map((c) => c.channelItemId), edits.map((c) => c.channelLocationId)],
    );
    const byIndex = new Map(rows.map((r) => [r.idx, r]));
    const learned: ChannelStockEdit[] = [];
    for (const [k, edit] of edits.entries()) {
      const state = byIndex.get(k + 1);
      const decision = decide(edit, state);
      if (decision === 'learned') {
        learned.push(edit);
      }
      outcomes.set(edit.key, decision === 'drift' && state ? await this.recordDrift(manager, edit, state) : decision);
    }
    if (learned.length > 0) {
      await manager.query(
        `UPDATE stock_sync_item i SET channel_quantity = v.quantity
           FROM unnest($1::uuid[], $2::text[], $3::text[], $4::int[]) AS v(store_id, item, location, quantity)
          WHERE i.store_id = v.store_id AND i.channel_item_id = v.item AND i.channel_location_id = v.location`,
        [
          learned.map((c) => c.storeId),
          learned.map((c) => c.channelItemId),
          learned.map((c) => c.channelLocationId),
          learned.map((c) => c.available),
        ],
      );
    }
  }

  private async recordDrift(manager: EntityManager, edit: ChannelStockEdit, state: ItemState): Promise<string> {
    const drift = edit.available - (state.channel_quantity ?? state.in_flight ?? edit.available);
    const absolute = state.mode !== 'delta';
    await manager.query(
      `UPDATE stock_sync_item SET channel_quantity = $4, drift_total = drift_total + $5,
              -- Pending again without inventing a version: the push that settles it reaches wanted_version.
              pushed_version = CASE WHEN $6 THEN least(pushed_version, wanted_version - 1) ELSE pushed_version END,
              due_at = CASE WHEN $6 AND wanted_version <= pushed_version THEN now() + make_interval(secs => $7) ELSE due_at END,
              awaits_orders_since = CASE WHEN $6 THEN coalesce(awaits_orders_since, now()) ELSE awaits_orders_since END,
              pending_since = CASE WHEN $6 THEN coalesce(pending_since, now()) ELSE pending_since END,
              updated_at = now()
        WHERE store_id = $1 AND channel_item_id = $2 AND channel_location_id = $3`,
      // Set back once the store's order import has settled (a sale behind the change is in the warehouse by then), at
      // most STOCK_ORDER_WAIT.maxSeconds later.
      [edit.storeId, edit.channelItemId, edit.channelLocationId, edit.available, drift, absolute, STOCK_ORDER_WAIT.maxSeconds],
    );
    await this.runs.recordFinished(
      {
        storeId: edit.storeId,
        kind: 'stock-channel-edit',
        trigger: 'webhook',
        items: [
          {
            externalRef: `${edit.channelItemId}@${edit.channelLocationId}`,
            sku: state.sku,
            outcome: 'drift',
            reason: `The channel changed to ${edit.available} (expected ${state.channel_quantity ?? state.in_flight ?? 'unknown'})${absolute ? '; set back with the next push' : '; recorded (delta mode)'}`,
          },
        ],
      },
      manager,
    );
    return absolute ? 'drift-correcting' : 'drift-recorded';
  }
}

function decide(edit: ChannelStockEdit, state: ItemState | undefined): Decision {
  if (!state) {
    return 'ignored-unmapped';
  }
  // Channels report whole seconds: only a change from an earlier second than our push is outdated.
  const outdated =
    edit.updatedAt !== null &&
    state.last_pushed_at !== null &&
    edit.updatedAt.getTime() < Math.floor(state.last_pushed_at.getTime() / 1000) * 1000;
  if (edit.available === state.channel_quantity || edit.available === state.in_flight || outdated) {
    return 'echo';
  }
  // Nothing known yet (no push so far, or delta mode's first): nothing to compare with.
  return state.channel_quantity === null && state.in_flight === null ? 'learned' : 'drift';
}

const pairOf = (e: ChannelStockEdit): string => `${e.storeId}|${e.channelItemId}|${e.channelLocationId}`;
