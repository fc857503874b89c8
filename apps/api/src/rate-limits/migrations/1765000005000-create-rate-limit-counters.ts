import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Rate limit counters shared by every API process: one row per limit, subject and fixed window, bumped by an atomic
 * upsert. UNLOGGED: a counter lives minutes and losing them all in a crash only forgives the clients for one window,
 * while every hit on sign-in would otherwise write WAL (and ship it to replicas) for data nobody needs to recover.
 */
export class CreateRateLimitCounters1765000005000 implements MigrationInterface {
  name = 'CreateRateLimitCounters1765000005000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE UNLOGGED TABLE rate_limit_counter (
        name text NOT NULL,
        subject text NOT NULL,
        window_start timestamptz NOT NULL,
        hits integer NOT NULL,
        expires_at timestamptz NOT NULL,
        PRIMARY KEY (name, subject, window_start)
      );
    `);
    // Old windows are deleted by range on this index, a few rows at a time, never by a scan of the table.
    await q.query(`CREATE INDEX rate_limit_counter_expires_idx ON rate_limit_counter (expires_at);`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE rate_limit_counter;`);
  }
}
