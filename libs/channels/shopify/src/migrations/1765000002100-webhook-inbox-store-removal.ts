import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A store can be removed (DELETE /stores/:id): the deliveries of its shop stay in the inbox (they are how a webhook id
 * is recognised again, and compliance requests must be kept), without a store; one still waiting is dropped.
 */
export class WebhookInboxStoreRemoval1765000002100 implements MigrationInterface {
  name = 'WebhookInboxStoreRemoval1765000002100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE shopify_webhook_inbox
        DROP CONSTRAINT shopify_webhook_inbox_store_id_fkey,
        ADD CONSTRAINT shopify_webhook_inbox_store_id_fkey FOREIGN KEY (store_id) REFERENCES store (id) ON DELETE SET NULL;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE shopify_webhook_inbox
        DROP CONSTRAINT shopify_webhook_inbox_store_id_fkey,
        ADD CONSTRAINT shopify_webhook_inbox_store_id_fkey FOREIGN KEY (store_id) REFERENCES store (id);
    `);
  }
}
