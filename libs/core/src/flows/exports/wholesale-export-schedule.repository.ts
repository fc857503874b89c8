import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/** When each wholesale source store runs next, and the run a person asked for (picked up by the next worker pass). */
@Injectable()
export class WholesaleExportScheduleRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Every connected store of these channels has a schedule; a new one runs at once. */
  async ensure(pluginKeys: string[]): Promise<void> {
    if (pluginKeys.length === 0) {
      return;
    }
    await this.dataSource.query(
      `INSERT INTO wholesale_export_schedule (store_id)
       SELECT id FROM store WHERE plugin_key = ANY($1::text[]) AND status = 'connected' ON CONFLICT DO NOTHING`,
      [pluginKeys],
    );
  }

  /**
   * Takes the store's scheduled run if it is due, and sets the next one; returns the run a person asked for, if any
   * (`undefined` when nothing was due). SKIP LOCKED: two workers never take one run.
   */
  async take(storeId: string, intervalMinutes: number): Promise<{ requestedRunId: string | null } | undefined> {
    const [row] = await this.dataSource.query<{ requested_run_id: string | null }[]>(
      // Through a CTE: TypeORM answers a bare UPDATE with [rows, count].
      `WITH old AS (SELECT store_id, requested_run_id FROM wholesale_export_schedule
                     WHERE store_id = $1 AND next_run_at <= now() FOR UPDATE SKIP LOCKED),
            taken AS (UPDATE wholesale_export_schedule s
                         SET next_run_at = now() + make_interval(mins => $2), last_run_at = now(), requested_run_id = NULL
                        FROM old WHERE s.store_id = old.store_id RETURNING old.requested_run_id)
       SELECT * FROM taken`,
      [storeId, intervalMinutes],
    );
    return row ? { requestedRunId: row.requested_run_id } : undefined;
  }

  /** Asks for a run now; returns the run that will report it (an earlier request still waiting keeps its run). */
  async request(storeId: string, runId: string): Promise<string> {
    const [row] = await this.dataSource.query<{ requested_run_id: string }[]>(
      `INSERT INTO wholesale_export_schedule (store_id, next_run_at, requested_run_id) VALUES ($1, now(), $2)
       ON CONFLICT (store_id) DO UPDATE
         SET next_run_at = now(), requested_run_id = coalesce(wholesale_export_schedule.requested_run_id, EXCLUDED.requested_run_id)
       RETURNING requested_run_id`,
      [storeId, runId],
    );
    return row.requested_run_id;
  }

  /** The run stopped early (the source rate-limited it): it resumes after `delayMs`, not a full interval later. */
  async resumeAfter(storeId: string, delayMs: number): Promise<void> {
    await this.dataSource.query(
      `UPDATE wholesale_export_schedule SET next_run_at = now() + make_interval(secs => $2::int / 1000.0) WHERE store_id = $1`,
      [storeId, Math.round(delayMs)],
    );
  }

  async recordRun(storeId: string, runId: string): Promise<void> {
    await this.dataSource.query(`UPDATE wholesale_export_schedule SET last_run_id = $2 WHERE store_id = $1`, [storeId, runId]);
  }

  /** Stores with a scheduled run or an export due now (connected ones only). */
  async dueStores(): Promise<string[]> {
    const rows = await this.dataSource.query<{ store_id: string }[]>(
      `SELECT s.store_id FROM wholesale_export_schedule s JOIN store st ON st.id = s.store_id
        WHERE s.next_run_at <= now() AND st.status = 'connected'
       UNION
       SELECT DISTINCT e.store_id FROM wholesale_export e JOIN store st ON st.id = e.store_id
        WHERE e.due_at <= now() AND st.status = 'connected'`,
    );
    return rows.map((r) => r.store_id);
  }
}
