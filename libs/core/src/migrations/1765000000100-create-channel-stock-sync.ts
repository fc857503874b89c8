import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What the framework knows of each store's channel: which channel location a warehouse backs, which channel item a
 * product is, and the stock engine's state per (store, channel location, channel item). Warehouse and product ids
 * are the WMS's: no foreign keys across libs (the core never depends on the WMS schema).
 */
export class CreateChannelStockSync1765000000100 implements MigrationInterface {
  name = 'CreateChannelStockSync1765000000100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE channel_location_mapping (
        store_id uuid NOT NULL REFERENCES store (id) ON DELETE CASCADE,
        channel_location_id text NOT NULL,
        warehouse_id uuid NOT NULL,
        shipping_process_id uuid NOT NULL,
        is_default boolean NOT NULL DEFAULT false,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (store_id, channel_location_id),
        -- One warehouse behind two locations of one store would sell the same stock twice.
        CONSTRAINT channel_location_mapping_warehouse_key UNIQUE (store_id, warehouse_id)
      );
      CREATE UNIQUE INDEX channel_location_mapping_default_idx ON channel_location_mapping (store_id) WHERE is_default;

      CREATE TABLE channel_product_mapping (
        id bigserial PRIMARY KEY,
        store_id uuid NOT NULL REFERENCES store (id) ON DELETE CASCADE,
        product_id uuid NOT NULL,
        sku text,
        -- The sellable unit on the channel (a Shopify variant) and its product.
        external_id text NOT NULL,
        external_product_id text,
        -- The unit the channel counts stock of (a Shopify inventory item); null when the channel tracks none.
        stock_item_id text,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT channel_product_mapping_external_key UNIQUE (store_id, external_id),
        CONSTRAINT channel_product_mapping_product_key UNIQUE (store_id, product_id)
      );
      CREATE INDEX channel_product_mapping_product_idx ON channel_product_mapping (product_id) WHERE stock_item_id IS NOT NULL;
      CREATE INDEX channel_product_mapping_stock_item_idx ON channel_product_mapping (store_id, stock_item_id);

      CREATE TABLE stock_push (
        id bigserial PRIMARY KEY,
        store_id uuid NOT NULL REFERENCES store (id) ON DELETE CASCADE,
        mode text NOT NULL CHECK (mode IN ('absolute', 'delta')),
        -- The key over the lines (base_key) plus '-rN' when earlier pushes had the same lines: every push its own key.
        base_key text NOT NULL,
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
      CREATE INDEX stock_push_base_key_idx ON stock_push (base_key);

      CREATE TABLE stock_sync_item (
        store_id uuid NOT NULL REFERENCES store (id) ON DELETE CASCADE,
        channel_location_id text NOT NULL,
        channel_item_id text NOT NULL,
        warehouse_id uuid NOT NULL,
        product_id uuid NOT NULL,
        sku text NOT NULL,
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
        -- When the channel last agreed with us: a push settled, or a delta baseline was taken. Null: never synced.
        synced_at timestamptz,
        push_id bigint REFERENCES stock_push (id) ON DELETE SET NULL,
        drift_total int NOT NULL DEFAULT 0,
        -- Bumped by a lifecycle move (push all, new baseline): a push claimed before it settles what the channel
        -- holds, but not the pair's versions or baseline.
        generation int NOT NULL DEFAULT 0,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (store_id, channel_location_id, channel_item_id)
      );
      CREATE INDEX stock_sync_item_due_idx ON stock_sync_item (store_id, due_at) WHERE wanted_version > pushed_version AND push_id IS NULL;
      CREATE INDEX stock_sync_item_level_idx ON stock_sync_item (warehouse_id, product_id);
      -- The stock engine waits for a store's unhandled lifecycle events (enable, re-auth, mapping changes) before pushing.
      CREATE INDEX outbox_event_store_lifecycle_idx ON outbox_event (aggregate_key)
        WHERE handled_at IS NULL AND topic IN ('store.changed', 'channel-mappings.changed');
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `DROP INDEX outbox_event_store_lifecycle_idx; DROP TABLE stock_sync_item; DROP TABLE stock_push; DROP TABLE channel_product_mapping; DROP TABLE channel_location_mapping;`,
    );
  }
}
