import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, Repository, type EntityManager } from 'typeorm';
import { DomainException } from '../errors/domain.exception';
import { SyncRunItem } from './sync-run-item.entity';
import { SyncRunStatus } from './sync-run-status.enum';
import { SyncRun } from './sync-run.entity';

export interface SyncItemOutcome {
  externalRef?: string | null;
  sku?: string | null;
  outcome: string;
  reason?: string | null;
}

export interface SyncRunFilter {
  storeId?: string;
  kind?: string;
  status?: SyncRunStatus;
  limit?: number;
}

const BATCH = 500;
const MAX_ITEMS_SHOWN = 1000;

/** The record of every sync: opened, items appended in batches, closed with counts by outcome. */
@Injectable()
export class SyncRunService {
  constructor(
    @InjectRepository(SyncRun) private readonly runs: Repository<SyncRun>,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  start(input: { storeId: string | null; kind: string; trigger?: string }): Promise<SyncRun> {
    return this.runs.save(this.runs.create({ storeId: input.storeId, kind: input.kind, trigger: input.trigger ?? 'manual' }));
  }

  /**
   * Appends items. With `manager` they are written in the caller's transaction (an item commits with the work it
   * reports) and counted when the run finishes; without, counted at once.
   */
  async recordItems(runId: string, items: SyncItemOutcome[], manager?: EntityManager): Promise<void> {
    for (let i = 0; i < items.length; i += BATCH) {
      const batch = items.slice(i, i + BATCH);
      await (manager ?? this.dataSource.manager).query(
        `INSERT INTO sync_run_item (sync_run_id, external_ref, sku, outcome, reason)
         SELECT $1, * FROM unnest($2::text[], $3::text[], $4::text[], $5::text[])`,
        [
          runId,
          batch.map((x) => x.externalRef ?? null),
          batch.map((x) => x.sku ?? null),
          batch.map((x) => x.outcome),
          batch.map((x) => x.reason ?? null),
        ],
      );
    }
    if (items.length > 0 && !manager) {
      await this.refreshCounts(runId);
    }
  }

  /**
   * Appends items in the caller's transaction and adds them to the run's counts there, so a long run (a catalog of
   * 200,000 variants) shows its progress without recounting every item it recorded so far after each batch.
   */
  async recordCounted(runId: string, items: SyncItemOutcome[], manager: EntityManager): Promise<void> {
    if (items.length === 0) {
      return;
    }
    await this.recordItems(runId, items, manager);
    const added: Record<string, number> = {};
    for (const item of items) {
      added[item.outcome] = (added[item.outcome] ?? 0) + 1;
    }
    await manager.query(
      `UPDATE sync_run SET counts = counts || (SELECT jsonb_object_agg(a.key, coalesce((counts ->> a.key)::int, 0) + a.value::int)
                                                 FROM jsonb_each_text($2::jsonb) AS a)
        WHERE id = $1`,
      [runId, JSON.stringify(added)],
    );
  }

  /** The external ref of the first item the run recorded with each of these SKUs, for the SKUs it recorded at all. */
  async firstRefsBySku(runId: string, skus: string[], manager?: EntityManager): Promise<Map<string, string | null>> {
    const rows = await (manager ?? this.dataSource.manager).query<{ sku: string; ref: string | null }[]>(
      `SELECT DISTINCT ON (sku) sku, external_ref AS ref FROM sync_run_item WHERE sync_run_id = $1 AND sku = ANY($2::text[]) ORDER BY sku, id`,
      [runId, skus],
    );
    return new Map(rows.map((r) => [r.sku, r.ref]));
  }

  /**
   * Closes the store's runs of this kind that were left running by a process that stopped (crash, kill) more than
   * `olderThanSeconds` ago: failed, counted from the items they did record.
   */
  async closeAbandoned(storeId: string, kind: string, olderThanSeconds: number): Promise<number> {
    const rows = await this.dataSource.query<{ id: string }[]>(
      `SELECT id FROM sync_run WHERE store_id = $1 AND kind = $2 AND status = $3 AND started_at < now() - make_interval(secs => $4)`,
      [storeId, kind, SyncRunStatus.RUNNING, olderThanSeconds],
    );
    for (const row of rows) {
      await this.finish(row.id, { error: 'stopped before it finished (the process ended); the items it recorded are done' });
    }
    return rows.length;
  }

  /**
   * A run that is over by the time it is written (a push batch): run and items in one statement, status and counts
   * decided as `finish` decides them. Cheap enough to record every push of a busy store. Pass `manager` to write it
   * inside a caller's transaction.
   */
  async recordFinished(
    input: {
      storeId: string | null;
      kind: string;
      trigger: string;
      items: SyncItemOutcome[];
      error?: string | null;
      extraCounts?: Record<string, number>;
    },
    manager?: EntityManager,
  ): Promise<string> {
    const counts: Record<string, number> = { ...(input.extraCounts ?? {}) };
    for (const item of input.items) {
      counts[item.outcome] = (counts[item.outcome] ?? 0) + 1;
    }
    const status = input.error ? SyncRunStatus.FAILED : (counts.failed ?? 0) > 0 ? SyncRunStatus.PARTIAL : SyncRunStatus.SUCCEEDED;
    const rows = await (manager ?? this.dataSource.manager).query<{ id: string }[]>(
      `WITH run AS (
         INSERT INTO sync_run (store_id, kind, status, trigger, counts, error, finished_at) VALUES ($1, $2, $3, $4, $5, $6, now()) RETURNING id
       ), items AS (
         INSERT INTO sync_run_item (sync_run_id, external_ref, sku, outcome, reason)
         SELECT run.id, v.* FROM run, unnest($7::text[], $8::text[], $9::text[], $10::text[]) AS v
       )
       SELECT id FROM run`,
      [
        input.storeId,
        input.kind,
        status,
        input.trigger,
        JSON.stringify(counts),
        input.error ?? null,
        input.items.map((x) => x.externalRef ?? null),
        input.items.map((x) => x.sku ?? null),
        input.items.map((x) => x.outcome),
        input.items.map((x) => x.reason ?? null),
      ],
    );
    return rows[0]?.id ?? '';
  }

  /**
   * Closes a run: failed when given an error, partial when an item failed, succeeded otherwise.
   * Counts are the items by outcome, plus any extra counts given.
   */
  async finish(runId: string, result: { error?: string | null; extraCounts?: Record<string, number> } = {}): Promise<SyncRun> {
    const counts = await this.refreshCounts(runId, result.extraCounts);
    const status = result.error ? SyncRunStatus.FAILED : (counts.failed ?? 0) > 0 ? SyncRunStatus.PARTIAL : SyncRunStatus.SUCCEEDED;
    await this.runs.update({ id: runId, status: SyncRunStatus.RUNNING }, { status, error: result.error ?? null, finishedAt: new Date() });
    return this.get(runId);
  }

  async get(id: string): Promise<SyncRun> {
    const run = await this.runs.findOneBy({ id });
    if (!run) {
      throw DomainException.notFound(`No sync run ${id}`);
    }
    return run;
  }

  /** One page of a run's items in the order they were recorded, after `cursor`, optionally of one outcome. */
  async items(
    id: string,
    page: { outcome?: string; cursor?: string; limit?: number },
  ): Promise<{ items: SyncRunItem[]; nextCursor: string | null }> {
    await this.get(id);
    const limit = page.limit ?? 500;
    const rows = await this.dataSource
      .getRepository(SyncRunItem)
      .createQueryBuilder('i')
      .where('i.sync_run_id = :id', { id })
      .andWhere(page.outcome ? 'i.outcome = :outcome' : 'TRUE', { outcome: page.outcome })
      .andWhere(page.cursor ? 'i.id > :cursor' : 'TRUE', { cursor: page.cursor })
      .orderBy('i.id', 'ASC')
      .take(limit + 1)
      .getMany();
    const more = rows.length > limit;
    const items = more ? rows.slice(0, limit) : rows;
    return { items, nextCursor: more ? (items.at(-1)?.id ?? null) : null };
  }

  /** A run with its first items, in the order they were recorded (all of them: `items`). */
  async getWithItems(id: string): Promise<SyncRun & { items: SyncRunItem[] }> {
    const run = await this.get(id);
    const items = await this.dataSource
      .getRepository(SyncRunItem)
      .find({ where: { syncRunId: id }, order: { id: 'ASC' }, take: MAX_ITEMS_SHOWN });
    return { ...run, items };
  }

  list(filter: SyncRunFilter = {}): Promise<SyncRun[]> {
    return this.runs.find({
      where: {
        ...(filter.storeId ? { storeId: filter.storeId } : {}),
        ...(filter.kind ? { kind: filter.kind } : {}),
        ...(filter.status ? { status: filter.status } : {}),
      },
      order: { startedAt: 'DESC' },
      take: filter.limit ?? 100,
    });
  }

  private async refreshCounts(runId: string, extra: Record<string, number> = {}): Promise<Record<string, number>> {
    const rows: { outcome: string; n: number }[] = await this.dataSource.query(
      `SELECT outcome, count(*)::int AS n FROM sync_run_item WHERE sync_run_id = $1 GROUP BY outcome`,
      [runId],
    );
    const counts: Record<string, number> = { ...extra };
    for (const row of rows) {
      counts[row.outcome] = (counts[row.outcome] ?? 0) + row.n;
    }
    await this.runs.update({ id: runId }, { counts });
    return counts;
  }
}
