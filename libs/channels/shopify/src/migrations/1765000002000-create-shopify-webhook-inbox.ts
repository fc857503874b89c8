import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Shopify's webhook inbox: every delivery stored once (unique per webhook id) before it is answered. */
export class CreateShopifyWebhookInbox1765000002000 implements MigrationInterface {
  name = 'CreateShopifyWebhookInbox1765000002000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE shopify_webhook_inbox (
        id bigserial PRIMARY KEY,
        webhook_id text NOT NULL,
        topic text NOT NULL,
        shop_domain text NOT NULL,
        store_id uuid REFERENCES store (id),
        -- The exact bytes Shopify signed, as text: ids beyond 2^53 must never pass through JSON numbers.
        raw_body text NOT NULL,
        headers jsonb NOT NULL DEFAULT '{}',
        received_at timestamptz NOT NULL DEFAULT now(),
        processed_at timestamptz,
        outcome text,
        CONSTRAINT shopify_webhook_inbox_delivery_key UNIQUE (webhook_id)
      );
      CREATE INDEX shopify_webhook_inbox_unprocessed_idx ON shopify_webhook_inbox (id) WHERE processed_at IS NULL;
      CREATE INDEX shopify_webhook_inbox_store_idx ON shopify_webhook_inbox (store_id, received_at);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE shopify_webhook_inbox;`);
  }
}
