import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The order engine's state: one row per channel order (the newest state the channel told us, what of it the warehouse
 * has, and why), and one link per warehouse order it became. Warehouse order ids are the WMS's: no foreign keys
 * across libs.
 */
export class CreateChannelOrders1765000000200 implements MigrationInterface {
  name = 'CreateChannelOrders1765000000200';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE channel_order (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        store_id uuid NOT NULL REFERENCES store (id) ON DELETE CASCADE,
        external_id text NOT NULL,
        external_number text,
        -- The newest state the channel told us (webhook, reconciliation or a read), and its version.
        snapshot jsonb NOT NULL,
        channel_updated_at timestamptz NOT NULL,
        -- The version the warehouse was last brought to; null until the first decision.
        applied_updated_at timestamptz,
        -- pending | imported | skipped | held | cancelled | conflict | failed
        state text NOT NULL DEFAULT 'pending',
        reason text,
        -- Per line problems of a held order: [{externalLineId, sku, problem}].
        problems jsonb NOT NULL DEFAULT '[]',
        -- Two states with one version differed: the next decision reads the channel first.
        read_wanted boolean NOT NULL DEFAULT false,
        -- Set while there is something to decide; the scheduler picks rows whose moment has come.
        due_at timestamptz,
        attempts int NOT NULL DEFAULT 0,
        last_error text,
        -- The channel's allocations last read (Shopify fulfillment orders), with the order version they were read at.
        allocations jsonb,
        allocations_read_at timestamptz,
        first_seen_at timestamptz NOT NULL DEFAULT now(),
        imported_at timestamptz,
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT channel_order_external_key UNIQUE (store_id, external_id)
      );
      CREATE INDEX channel_order_due_idx ON channel_order (due_at) WHERE due_at IS NOT NULL;
      CREATE INDEX channel_order_state_idx ON channel_order (store_id, state, updated_at);

      CREATE TABLE channel_order_link (
        channel_order_id uuid NOT NULL REFERENCES channel_order (id) ON DELETE CASCADE,
        warehouse_order_id uuid NOT NULL,
        warehouse_id uuid NOT NULL,
        shipping_process_id uuid,
        channel_location_ids text[] NOT NULL DEFAULT '{}',
        allocation_ids text[] NOT NULL DEFAULT '{}',
        PRIMARY KEY (channel_order_id, warehouse_id),
        CONSTRAINT channel_order_link_order_key UNIQUE (warehouse_order_id)
      );

      -- Order lines without a channel item are matched by SKU.
      CREATE INDEX channel_product_mapping_sku_idx ON channel_product_mapping (store_id, sku);

      -- A pair whose channel showed less than we sent (a sale we have not imported yet) waits for the store's order
      -- import to settle before it is set again, from this moment and for a bounded time.
      ALTER TABLE stock_sync_item ADD COLUMN awaits_orders_since timestamptz;
      CREATE INDEX stock_sync_item_awaits_orders_idx ON stock_sync_item (store_id) WHERE awaits_orders_since IS NOT NULL;

      -- When the store last read the channel's orders without a gap (the reconciliation starts from there).
      ALTER TABLE store ADD COLUMN orders_reconciled_through timestamptz;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE stock_sync_item DROP COLUMN awaits_orders_since; ALTER TABLE store DROP COLUMN orders_reconciled_through; DROP INDEX channel_product_mapping_sku_idx; DROP TABLE channel_order_link; DROP TABLE channel_order;`,
    );
  }
}
