import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { OutboxEvent } from '../../outbox/outbox-event.entity';
import { STOCK_ORDER_WAIT } from './stock-order-wait.policy';
import { HandlesOutboxTopics, type OutboxEventHandler } from '../../outbox/outbox-handler.decorator';
import { OutboxTopic, type StockChangedPayload } from '../../outbox/outbox-topic';

/**
 * Trigger of the stock flow: marks the tracked (store, channel location, channel item) pairs a stock change affects as
 * pending, with the time their push may go: at once when the pair was not pushed during the last window (leading
 * edge), at the end of the window otherwise; a pair that is already pending keeps its time, so changes inside a window
 * merge (trailing edge). Paused stores are marked too: their changes go when they resume. Pairs are tracked (created
 * with their baseline) only by the lifecycle handler, from the mapping's own event, so a change that reaches this
 * handler first is not lost: the tracker counts every change after that event. Runs in the transaction that marks the
 * events handled, so each change counts once; events older than what the channel has are ignored, in any order.
 */
@Injectable()
@HandlesOutboxTopics(OutboxTopic.STOCK_CHANGED)
export class StockChangeHandler implements OutboxEventHandler {
  async handle(events: OutboxEvent[], manager: EntityManager): Promise<void> {
    // One row per level (a statement may not touch a row twice): the newest version wins.
    const newest = new Map<string, StockChangedPayload>();
    // Per level, the stores whose own channel added units (a return it restocks itself): summed over the batch.
    const added = new Map<string, Record<string, number>>();
    for (const event of events) {
      const payload = event.payload as unknown as StockChangedPayload;
      const key = `${payload.warehouseId}/${payload.productId}`;
      const seen = newest.get(key);
      if (!seen || BigInt(payload.version) > BigInt(seen.version)) {
        newest.set(key, payload);
      }
      const byStore = added.get(key) ?? {};
      for (const [storeId, delta] of Object.entries(payload.storeDeltas ?? {})) {
        byStore[storeId] = (byStore[storeId] ?? 0) + delta;
      }
      added.set(key, byStore);
    }
    const levels = [...newest.values()];
    if (levels.length === 0) {
      return;
    }
    await manager.query(
      `WITH ev AS (
         SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::bigint[], $4::jsonb[]) AS e(warehouse_id, product_id, version, own)
       ), target AS (
         SELECT i.store_id, i.channel_location_id, i.channel_item_id, ev.version,
                -- Absolute mode: units the store's channel adds itself (a restocking disposal) must reach it before the
                -- warehouse's new level does, or the channel counts them twice for a while. Bounded like an order wait.
                coalesce((ev.own->>i.store_id::text)::int, 0) > 0
                  AND (SELECT s.settings->'stockSync'->>'mode' FROM store s WHERE s.id = i.store_id) = 'absolute' AS waits
           FROM stock_sync_item i JOIN ev ON i.warehouse_id = ev.warehouse_id AND i.product_id = ev.product_id
          WHERE ev.version > i.pushed_version
          -- One lock order for every batch: concurrent dispatchers touching the same pairs must not deadlock.
          ORDER BY i.store_id, i.channel_location_id, i.channel_item_id
            FOR UPDATE OF i
       )
       UPDATE stock_sync_item i SET
         wanted_version = greatest(i.wanted_version, t.version),
         awaits_orders_since = CASE WHEN t.waits THEN coalesce(i.awaits_orders_since, now()) ELSE i.awaits_orders_since END,
         due_at = CASE
           WHEN t.waits THEN greatest(i.due_at, now() + make_interval(secs => $5))
           WHEN i.wanted_version > i.pushed_version THEN i.due_at
           ELSE greatest(now(), i.last_pushed_at + make_interval(secs => coalesce(
             (SELECT (s.settings->'stockSync'->>'windowSeconds')::int FROM store s WHERE s.id = i.store_id), 30)))
         END,
         pending_since = CASE WHEN i.wanted_version > i.pushed_version THEN i.pending_since ELSE now() END,
         updated_at = now()
         FROM target t
        WHERE i.store_id = t.store_id AND i.channel_location_id = t.channel_location_id AND i.channel_item_id = t.channel_item_id`,
      [
        levels.map((l) => l.warehouseId),
        levels.map((l) => l.productId),
        levels.map((l) => l.version),
        levels.map((l) => JSON.stringify(added.get(`${l.warehouseId}/${l.productId}`) ?? {})),
        STOCK_ORDER_WAIT.maxSeconds,
      ],
    );
  }
}
