import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Schedules every worker carries (reconciliations) run once per period across all of them: one row per job with its
 * last run; a worker runs the job only if it moves that time on (see ScheduleClaimRepository).
 */
export class CreateScheduleClaim1765000000900 implements MigrationInterface {
  name = 'CreateScheduleClaim1765000000900';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE schedule_claim (
        job text PRIMARY KEY,
        last_run_at timestamptz NOT NULL,
        claimed_by text NOT NULL
      );
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE schedule_claim`);
  }
}
