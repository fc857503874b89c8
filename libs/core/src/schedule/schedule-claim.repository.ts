import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { hostname } from 'node:os';
import { DataSource } from 'typeorm';
import { claimGapSeconds } from './schedule-claim';

/**
 * Once-per-period runs of the schedules every worker carries: a worker runs the job only if it moves the job's last run
 * to now, which it may when the last run (by anyone) is older than the gap. The row lock of the upsert makes two
 * workers ticking together take turns, and the second then sees the first's run. Times are PostgreSQL's, so the
 * workers' clocks do not matter. A worker that dies after claiming loses that period's run; the next runs as usual.
 */
@Injectable()
export class ScheduleClaimRepository {
  private readonly self = `${hostname()}:${process.pid}`;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** True when this process is to run `job` now (a job every worker ticks each `periodMs`). */
  async claim(job: string, periodMs: number): Promise<boolean> {
    const won = await this.dataSource.query<unknown[]>(
      `INSERT INTO schedule_claim (job, last_run_at, claimed_by) VALUES ($1, now(), $3)
       ON CONFLICT (job) DO UPDATE SET last_run_at = now(), claimed_by = EXCLUDED.claimed_by
        WHERE schedule_claim.last_run_at < now() - make_interval(secs => $2)
       RETURNING job`,
      [job, claimGapSeconds(periodMs), this.self],
    );
    return won.length === 1;
  }
}
