import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Stock sync state per (store, location, inventory item): what the warehouse wants, what the channel has,
 * and when the next push may go. Pushes are recorded before they are sent so a crash re-sends the same
 * payload under the same idempotency key.
 */
export class CreateStockSync1764100000000 implements MigrationInterface {
  name = 'CreateStockSync1764100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE stock_push (
        id bigserial PRIMARY KEY,
        store_id uuid NOT NULL REFERENCES store (id) ON DELETE CASCADE,
        mode text NOT NULL CHECK (mode IN ('absolute', 'delta')),
        idempotency_key text NOT NULL UNIQUE,
        lines jsonb NOT NULL,
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'done', 'failed')),
        attempts int NOT NULL DEFAULT 0,
        error text,
        cost jsonb,
        created_at timestamptz NOT NULL DEFAULT now(),
        finished_at timestamptz
      );
      CREATE INDEX stock_push_pending_idx ON stock_push (store_id, id) WHERE status = 'pending';

      CREATE TABLE stock_sync_item (
        store_id uuid NOT NULL REFERENCES store (id) ON DELETE CASCADE,
        location_id text NOT NULL,
        inventory_item_id text NOT NULL,
        warehouse_id uuid NOT NULL REFERENCES warehouse (id),
        product_id uuid NOT NULL REFERENCES product (id),
        -- Newest stock level version seen, and the version whose value the channel has.
        wanted_version bigint NOT NULL DEFAULT 0,
        pushed_version bigint NOT NULL DEFAULT 0,
        -- What we believe the channel holds: absolute mode's compare-and-set base.
        channel_quantity int,
        -- Delta mode: the warehouse's available already reflected on the channel (at pushed_version).
        baseline_available int,
        due_at timestamptz,
        -- When the oldest change not yet on the channel happened: the push lag.
        pending_since timestamptz,
        last_pushed_at timestamptz,
        push_id bigint REFERENCES stock_push (id) ON DELETE SET NULL,
        drift_total int NOT NULL DEFAULT 0,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (store_id, location_id, inventory_item_id)
      );
      CREATE INDEX stock_sync_item_due_idx ON stock_sync_item (store_id, due_at) WHERE wanted_version > pushed_version AND push_id IS NULL;
      CREATE INDEX stock_sync_item_level_idx ON stock_sync_item (warehouse_id, product_id);
      -- Delta mode sums a store's own order changes over a version range of one level from these events.
      CREATE INDEX outbox_event_stock_level_idx ON outbox_event (aggregate_key, ((payload->>'version')::bigint)) WHERE topic = 'stock.changed';
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX outbox_event_stock_level_idx; DROP TABLE stock_sync_item; DROP TABLE stock_push;`);
  }
}
