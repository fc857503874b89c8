import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Per-store pacing of stock pushes: a push the channel throttled (or that failed and must back off) for longer than a
 * worker slot may wait is put aside until `not_before`, with its counted failures, and its store flushes nothing
 * until then. The slot goes to other stores meanwhile: one shop's throttling never holds up another's pushes.
 */
export class StockPushPacing1765000000920 implements MigrationInterface {
  name = 'StockPushPacing1765000000920';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE stock_push ADD COLUMN not_before timestamptz, ADD COLUMN failures int NOT NULL DEFAULT 0;
      CREATE INDEX stock_push_held_idx ON stock_push (store_id, not_before) WHERE status = 'pending' AND not_before IS NOT NULL;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP INDEX stock_push_held_idx;
      ALTER TABLE stock_push DROP COLUMN not_before, DROP COLUMN failures;
    `);
  }
}
