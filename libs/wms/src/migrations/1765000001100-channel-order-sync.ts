import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Channel orders as the core syncs them: a held status (needs_attention) with its reason, the channel's allocations an
 * order covers, lines without a mapped product (they reserve nothing) and lines a channel removed (quantity 0), and one
 * warehouse order per destination of a channel order.
 */
export class ChannelOrderSync1765000001100 implements MigrationInterface {
  name = 'ChannelOrderSync1765000001100';

  async up(q: QueryRunner): Promise<void> {
    // ADD VALUE may run in a transaction as long as nothing in it uses the new value.
    await q.query(`ALTER TYPE order_status ADD VALUE IF NOT EXISTS 'needs_attention'`);
    await q.query(`
      ALTER TABLE outbound_order
        ADD COLUMN hold_reason text,
        ADD COLUMN channel_allocation_ids text[] NOT NULL DEFAULT '{}';

      ALTER TABLE order_line
        ALTER COLUMN product_id DROP NOT NULL,
        ADD COLUMN problem text,
        DROP CONSTRAINT order_line_quantity_check,
        ADD CONSTRAINT order_line_quantity_check CHECK (quantity >= 0),
        -- A line without a product can neither hold stock nor ship.
        ADD CONSTRAINT order_line_unmapped_check CHECK (product_id IS NOT NULL OR (reserved_quantity = 0 AND shipped_quantity = 0));

      DROP INDEX outbound_order_external_idx;
      CREATE UNIQUE INDEX outbound_order_external_idx
        ON outbound_order (store_id, external_id, warehouse_id, shipping_process_id) NULLS NOT DISTINCT
        WHERE external_id IS NOT NULL;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    // Fails while a channel order has several destinations, a line has no product or quantity 0: those need a person.
    await q.query(`
      DROP INDEX outbound_order_external_idx;
      CREATE UNIQUE INDEX outbound_order_external_idx ON outbound_order (store_id, external_id) WHERE external_id IS NOT NULL;

      ALTER TABLE order_line
        DROP CONSTRAINT order_line_unmapped_check,
        DROP CONSTRAINT order_line_quantity_check,
        ADD CONSTRAINT order_line_quantity_check CHECK (quantity > 0),
        DROP COLUMN problem,
        ALTER COLUMN product_id SET NOT NULL;

      ALTER TABLE outbound_order DROP COLUMN channel_allocation_ids, DROP COLUMN hold_reason;

      UPDATE outbound_order SET status = 'open' WHERE status = 'needs_attention';
      ALTER TABLE outbound_order ALTER COLUMN status DROP DEFAULT;
      ALTER TYPE order_status RENAME TO order_status_old;
      CREATE TYPE order_status AS ENUM ('open', 'partially_shipped', 'shipped', 'cancelled');
      ALTER TABLE outbound_order ALTER COLUMN status TYPE order_status USING status::text::order_status;
      ALTER TABLE outbound_order ALTER COLUMN status SET DEFAULT 'open';
      DROP TYPE order_status_old;
    `);
  }
}
