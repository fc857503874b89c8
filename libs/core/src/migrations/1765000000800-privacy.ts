import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Privacy: every compliance request a channel sent and what was done for it (a data request's export is kept here
 * for an admin to fetch), when each row holding personal data was redacted, and an index for the retention job.
 */
export class Privacy1765000000800 implements MigrationInterface {
  name = 'Privacy1765000000800';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE privacy_request (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        channel text NOT NULL,
        external_account_id text NOT NULL,
        -- Kept when the store is removed: the request and what was done stay on record.
        store_id uuid REFERENCES store (id) ON DELETE SET NULL,
        kind text NOT NULL CHECK (kind IN ('customer-redact', 'shop-redact', 'customer-data-request')),
        -- The channel delivery it came in (e.g. shopify-inbox:42): handled twice, recorded once.
        source_ref text NOT NULL,
        channel_request_id text,
        customer_external_id text,
        -- Data requests only (the customer is found by them); redact requests keep no contact detail.
        customer_email text,
        customer_phone text,
        order_external_ids text[] NOT NULL DEFAULT '{}',
        -- Rows redacted or records exported, per holder of personal data.
        counts jsonb NOT NULL DEFAULT '{}',
        export jsonb,
        received_at timestamptz NOT NULL DEFAULT now(),
        completed_at timestamptz,
        notified_at timestamptz,
        export_erased_at timestamptz,
        CONSTRAINT privacy_request_source_key UNIQUE (source_ref)
      );
      CREATE INDEX privacy_request_received_idx ON privacy_request (received_at DESC);
      CREATE INDEX privacy_request_account_idx ON privacy_request (channel, external_account_id);
      CREATE INDEX privacy_request_unnotified_idx ON privacy_request (received_at)
        WHERE kind = 'customer-data-request' AND notified_at IS NULL;
      ALTER TABLE channel_order ADD COLUMN redacted_at timestamptz;
      ALTER TABLE channel_return ADD COLUMN redacted_at timestamptz;
      ALTER TABLE wholesale_export ADD COLUMN redacted_at timestamptz;
      CREATE INDEX channel_return_order_idx ON channel_return (store_id, order_external_id);
      CREATE INDEX wholesale_export_sink_order_idx ON wholesale_export (target_store_id, sink_order_id) WHERE sink_order_id IS NOT NULL;
      CREATE INDEX sync_run_item_created_idx ON sync_run_item (created_at);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP INDEX sync_run_item_created_idx;
      DROP INDEX wholesale_export_sink_order_idx;
      DROP INDEX channel_return_order_idx;
      ALTER TABLE wholesale_export DROP COLUMN redacted_at;
      ALTER TABLE channel_return DROP COLUMN redacted_at;
      ALTER TABLE channel_order DROP COLUMN redacted_at;
      DROP TABLE privacy_request;
    `);
  }
}
