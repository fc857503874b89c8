import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A delivery's raw body can be removed (redacted on a privacy request, or pruned after RETENTION_DAYS) while its row
 * stays: the webhook id is how a redelivery is recognised as a duplicate.
 */
export class WebhookInboxPrivacy1765000002200 implements MigrationInterface {
  name = 'WebhookInboxPrivacy1765000002200';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE shopify_webhook_inbox
        ADD COLUMN raw_body_removed_at timestamptz,
        ADD COLUMN raw_body_removed_reason text CHECK (raw_body_removed_reason IN ('redacted', 'retention'));
      CREATE INDEX shopify_webhook_inbox_retention_idx ON shopify_webhook_inbox (received_at) WHERE raw_body_removed_at IS NULL;
      CREATE INDEX shopify_webhook_inbox_shop_idx ON shopify_webhook_inbox (shop_domain) WHERE raw_body_removed_at IS NULL;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP INDEX shopify_webhook_inbox_shop_idx;
      DROP INDEX shopify_webhook_inbox_retention_idx;
      ALTER TABLE shopify_webhook_inbox DROP COLUMN raw_body_removed_reason, DROP COLUMN raw_body_removed_at;
    `);
  }
}
