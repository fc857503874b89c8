import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The outbox and the stock sync items churn: an event is inserted, updated twice (relayed, handled) and deleted a week
 * later; an item is updated on every stock change. At the default (vacuum once 20 % of the table is dead) a large
 * table carries many dead rows between runs, and the relay's and the pollers' partial indexes with it. Vacuum and
 * analyze them once 1 % / 2 % has changed.
 */
export class HotTablesAutovacuum1765000000910 implements MigrationInterface {
  name = 'HotTablesAutovacuum1765000000910';

  async up(q: QueryRunner): Promise<void> {
    for (const table of ['outbox_event', 'stock_sync_item']) {
      await q.query(`ALTER TABLE ${table} SET (autovacuum_vacuum_scale_factor = 0.01, autovacuum_analyze_scale_factor = 0.02)`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['outbox_event', 'stock_sync_item']) {
      await q.query(`ALTER TABLE ${table} RESET (autovacuum_vacuum_scale_factor, autovacuum_analyze_scale_factor)`);
    }
  }
}
