import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { OutboxEvent } from '../../outbox/outbox-event.entity';
import { HandlesOutboxTopics, type OutboxEventHandler } from '../../outbox/outbox-handler.decorator';
import { OutboxTopic, type StockChangedPayload } from '../../outbox/outbox-topic';

/**
 * Trigger of the stock flow: marks the (store, channel location, channel item) pairs a stock change affects as
 * pending, with the time their push may go: at once when the pair was not pushed during the last window (leading
 * edge), at the end of the window otherwise; a pair that is already pending keeps its time, so changes inside a
 * window merge (trailing edge). Runs in the transaction that marks the events handled, so each change counts once.
 */
@Injectable()
@HandlesOutboxTopics(OutboxTopic.STOCK_CHANGED)
export class StockChangeHandler implements OutboxEventHandler {
  async handle(events: OutboxEvent[], manager: EntityManager): Promise<void> {
    // One row per level (a statement may not touch a row twice): the newest version wins.
    const newest = new Map<string, StockChangedPayload>();
    for (const event of events) {
      const payload = event.payload as unknown as StockChangedPayload;
      const key = `${payload.warehouseId}/${payload.productId}`;
      const seen = newest.get(key);
      if (!seen || BigInt(payload.version) > BigInt(seen.version)) {
        newest.set(key, payload);
      }
    }
    const levels = [...newest.values()];
    if (levels.length === 0) {
      return;
    }
    await manager.query(
      `WITH ev AS (
         SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::bigint[], $4::int[], $5::text[]) AS e(warehouse_id, product_id, version, available_before, sku)
       )
       INSERT INTO stock_sync_item AS i (store_id, channel_location_id, channel_item_id, warehouse_id, product_id, sku, wanted_version, pushed_version, baseline_available, due_at, pending_since, synced_at)
       SELECT pm.store_id, lm.channel_location_id, pm.stock_item_id, ev.warehouse_id, ev.product_id, ev.sku, ev.version, ev.version - 1, ev.available_before, now(), now(),
              -- A pair first seen now: for a syncing store the channel held the value before this change.
              CASE WHEN s.status = 'connected' AND (s.settings->'stockSync'->>'enabled')::boolean IS TRUE THEN now() END
         FROM ev
         JOIN channel_product_mapping pm ON pm.product_id = ev.product_id AND pm.stock_item_id IS NOT NULL
         JOIN channel_location_mapping lm ON lm.store_id = pm.store_id AND lm.warehouse_id = ev.warehouse_id
         -- Paused stores (stock sync off, or waiting for re-authorisation) record changes too: they go when it resumes.
         JOIN store s ON s.id = pm.store_id AND s.status <> 'disconnected'
        -- One lock order for every batch: concurrent dispatchers touching the same items must not deadlock.
        ORDER BY pm.store_id, lm.channel_location_id, pm.stock_item_id
       ON CONFLICT (store_id, channel_location_id, channel_item_id) DO UPDATE SET
         wanted_version = greatest(i.wanted_version, excluded.wanted_version),
         due_at = CASE
           WHEN i.wanted_version > i.pushed_version OR excluded.wanted_version <= i.pushed_version THEN i.due_at
           ELSE greatest(now(), i.last_pushed_at + make_interval(secs => coalesce(
             (SELECT (s.settings->'stockSync'->>'windowSeconds')::int FROM store s WHERE s.id = i.store_id), 30)))
         END,
         pending_since = CASE
           WHEN i.wanted_version > i.pushed_version OR excluded.wanted_version <= i.pushed_version THEN i.pending_since
           ELSE now()
         END,
         updated_at = now()`,
      [
        levels.map((l) => l.warehouseId),
        levels.map((l) => l.productId),
        levels.map((l) => l.version),
        levels.map((l) => l.availableBefore),
        levels.map((l) => l.sku),
      ],
    );
  }
}
