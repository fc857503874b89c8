import type { MigrationInterface, QueryRunner } from 'typeorm';

/** When an order's or a return's personal fields were redacted on a privacy request (null: never). */
export class PrivacyRedaction1765000001400 implements MigrationInterface {
  name = 'PrivacyRedaction1765000001400';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE outbound_order ADD COLUMN redacted_at timestamptz;
      ALTER TABLE customer_return ADD COLUMN redacted_at timestamptz;
      CREATE INDEX customer_return_order_idx ON customer_return (order_id) WHERE order_id IS NOT NULL;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP INDEX customer_return_order_idx;
      ALTER TABLE customer_return DROP COLUMN redacted_at;
      ALTER TABLE outbound_order DROP COLUMN redacted_at;
    `);
  }
}
