import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * GET /orders lists newest first, by store or not: without these it sorted the whole table for every page (and a
 * search read it all); with them it reads the newest rows and stops at the limit.
 */
export class OrderListIndexes1765000001500 implements MigrationInterface {
  name = 'OrderListIndexes1765000001500';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE INDEX outbound_order_created_idx ON outbound_order (created_at DESC, id DESC);
      CREATE INDEX outbound_order_store_created_idx ON outbound_order (store_id, created_at DESC, id DESC) WHERE store_id IS NOT NULL;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP INDEX outbound_order_store_created_idx;
      DROP INDEX outbound_order_created_idx;
    `);
  }
}
