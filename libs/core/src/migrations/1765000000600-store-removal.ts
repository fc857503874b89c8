import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A store can be removed (DELETE /stores/:id): its sync runs (and their items) go with it, as everything else of its
 * own does already. Stores a JOOR account exports to stay protected (`ON DELETE RESTRICT`).
 */
export class StoreRemoval1765000000600 implements MigrationInterface {
  name = 'StoreRemoval1765000000600';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE sync_run
        DROP CONSTRAINT sync_run_store_id_fkey,
        ADD CONSTRAINT sync_run_store_id_fkey FOREIGN KEY (store_id) REFERENCES store (id) ON DELETE CASCADE;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE sync_run
        DROP CONSTRAINT sync_run_store_id_fkey,
        ADD CONSTRAINT sync_run_store_id_fkey FOREIGN KEY (store_id) REFERENCES store (id);
    `);
  }
}
