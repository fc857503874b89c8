import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { ExportedOrderRef, WholesaleOrder } from '../../channel/channel-adapter.interface';
import type { ExportRetry, ExportState, LatestExport } from './export-offer.decision';
import type { ExportFailure } from './export-plan.decision';

export type ExportOrigin = 'scheduled' | 'manual' | 're-export' | 'source-re-export';

/** One export of a source order (one generation), as the engine and the API see it. */
export interface ExportRow {
  id: string;
  storeId: string;
  targetStoreId: string;
  sourceOrderId: string;
  generation: number;
  identity: string;
  state: ExportState;
  origin: ExportOrigin;
  requestedBy: string | null;
  sourceOrder: WholesaleOrder | null;
  sourceModifiedAt: string | null;
  supersedesOrderId: string | null;
  sinkOrderId: string | null;
  sinkOrderName: string | null;
  failureCode: string | null;
  failureReason: string | null;
  retry: ExportRetry | null;
  attempts: number;
  dueAt: Date | null;
  sentAt: Date | null;
  exportedAt: Date | null;
  markedAt: Date | null;
  alertedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface ExportIntent {
  sourceOrderId: string;
  generation: number;
  identity: string;
  origin: ExportOrigin;
  requestedBy?: string | null;
  sourceOrder: WholesaleOrder | null;
  supersedesOrderId?: string | null;
}

const COLUMNS = `id, store_id AS "storeId", target_store_id AS "targetStoreId", source_order_id AS "sourceOrderId", generation, identity,
  state, origin, requested_by AS "requestedBy", source_order AS "sourceOrder", source_modified_at AS "sourceModifiedAt",
  supersedes_order_id AS "supersedesOrderId", sink_order_id AS "sinkOrderId", sink_order_name AS "sinkOrderName",
  failure_code AS "failureCode", failure_reason AS "failureReason", retry, attempts, due_at AS "dueAt", sent_at AS "sentAt",
  exported_at AS "exportedAt", marked_at AS "markedAt", alerted_at AS "alertedAt", created_at AS "createdAt", updated_at AS "updatedAt"`;

/** The export engine's rows: intents recorded before anything is sent, claimed under a lease, settled by what the sink said. */
@Injectable()
export class WholesaleExportRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The latest export (highest generation) of each of these source orders. */
  async latest(storeId: string, sourceOrderIds: string[]): Promise<Map<string, LatestExport>> {
    const rows = await this.dataSource.query<(LatestExport & { sourceOrderId: string })[]>(
      `SELECT DISTINCT ON (source_order_id) id, source_order_id AS "sourceOrderId", generation, state, retry,
              source_modified_at AS "sourceModifiedAt", sink_order_id AS "sinkOrderId", marked_at AS "markedAt"
         FROM wholesale_export WHERE store_id = $1 AND source_order_id = ANY($2::text[])
        ORDER BY source_order_id, generation DESC`,
      [storeId, sourceOrderIds],
    );
    return new Map(rows.map((r) => [r.sourceOrderId, r]));
  }

  /**
   * Records intents, due now; one already recorded (same order and generation) is left as it is. Returns the new ids.
   * In the caller's transaction (`manager`) when given.
   */
  async record(storeId: string, targetStoreId: string, intents: ExportIntent[], manager?: EntityManager): Promise<string[]> {
    if (intents.length === 0) {
      return [];
    }
    const rows = await (manager ?? this.dataSource.manager).query<{ id: string }[]>(
      `INSERT INTO wholesale_export (store_id, target_store_id, source_order_id, generation, identity, origin, requested_by,
                                     source_order, source_modified_at, supersedes_order_id, due_at)
       SELECT $1, $2, v.source_order_id, v.generation, v.identity, v.origin, v.requested_by, v.source_order,
              v.source_order->>'modifiedAt', v.supersedes, now()
         FROM jsonb_to_recordset($3::jsonb) AS v(source_order_id text, generation int, identity text, origin text, requested_by text,
                                                  source_order jsonb, supersedes text)
       ON CONFLICT DO NOTHING RETURNING id`,
      [
        storeId,
        targetStoreId,
        JSON.stringify(
          intents.map((i) => ({
            source_order_id: i.sourceOrderId,
            generation: i.generation,
            identity: i.identity,
            origin: i.origin,
            requested_by: i.requestedBy ?? null,
            source_order: i.sourceOrder,
            supersedes: i.supersedesOrderId ?? null,
          })),
        ),
      ],
    );
    return rows.map((r) => r.id);
  }

  /**
   * The source's current order for an export not created yet; due now unless it already has a time: a worker's lease
   * (brought forward, another worker would claim and send it too) or a wait the channel asked for.
   */
  async refresh(id: string, order: WholesaleOrder): Promise<void> {
    await this.dataSource.query(
      `UPDATE wholesale_export SET source_order = $2, source_modified_at = $3, due_at = coalesce(due_at, now()),
              updated_at = now() WHERE id = $1 AND state IN ('pending', 'failed')`,
      [id, JSON.stringify(order), order.modifiedAt],
    );
  }

  /** Stores the source order read for an export (a re-export reads it fresh) without changing when it is due. */
  async saveSource(id: string, order: WholesaleOrder): Promise<void> {
    await this.dataSource.query(
      `UPDATE wholesale_export SET source_order = $2, source_modified_at = $3, updated_at = now() WHERE id = $1`,
      [id, JSON.stringify(order), order.modifiedAt],
    );
  }

  /** An exported order the source has not recorded yet: the mark is due now. */
  async markDue(id: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE wholesale_export SET due_at = least(coalesce(due_at, now()), now()), updated_at = now()
        WHERE id = $1 AND state = 'exported' AND marked_at IS NULL`,
      [id],
    );
  }

  /**
   * Claims one due export of the store under a lease: a process that stops before settling it leaves it due again
   * when the lease ends, and the next attempt starts by looking the order up on the sink.
   */
  async claim(storeId: string, leaseSeconds: number): Promise<ExportRow | null> {
    const [row] = await this.dataSource.query<ExportRow[]>(
      `WITH c AS (SELECT id FROM wholesale_export WHERE store_id = $1 AND due_at <= now() ORDER BY due_at, id LIMIT 1 FOR UPDATE SKIP LOCKED),
            u AS (UPDATE wholesale_export e SET due_at = now() + make_interval(secs => $2), updated_at = now()
                    FROM c WHERE e.id = c.id RETURNING e.*)
       SELECT ${COLUMNS} FROM u`,
      [storeId, leaseSeconds],
    );
    return row ?? null;
  }

  /** The intent is about to be sent: from now on its outcome is unknown until the sink answers. */
  async markSending(id: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE wholesale_export SET state = 'in_flight', sent_at = now(), attempts = attempts + 1, updated_at = now() WHERE id = $1`,
      [id],
    );
  }

  /** The sink refused the request before acting on it (throttled, token refused): the send did not happen. */
  async unsend(id: string, before: { state: ExportState; sentAt: Date | null }, delayMs: number, note: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE wholesale_export SET state = $2, sent_at = $3, attempts = greatest(attempts - 1, 0), failure_reason = $5,
              due_at = now() + make_interval(secs => $4::int / 1000.0), updated_at = now() WHERE id = $1`,
      [id, before.state, before.sentAt, Math.round(delayMs), note],
    );
  }

  /**
   * Created on the sink (or found there after an unknown outcome). The worker marks it on the source right away, so the
   * lease stays (another worker would mark it twice); a worker that stops before marking leaves the mark due then.
   */
  async settleExported(id: string, ref: ExportedOrderRef, leaseSeconds: number): Promise<void> {
    await this.dataSource.query(
      `UPDATE wholesale_export SET state = 'exported', sink_order_id = $2, sink_order_name = $3, exported_at = now(),
              failure_code = NULL, failure_reason = NULL, retry = NULL, due_at = now() + make_interval(secs => $4),
              updated_at = now() WHERE id = $1`,
      [id, ref.externalId, ref.name, leaseSeconds],
    );
  }

  /**
   * Not created, for a known reason. Alerted again only when the reason changes. `dueInMs` null: not due until the source
   * offers the order again (each run or, for `on-change`, once it changed) or a person retries.
   */
  async settleFailed(id: string, failure: ExportFailure, retry: ExportRetry, dueInMs: number | null): Promise<void> {
    await this.dataSource.query(
      `UPDATE wholesale_export SET state = 'failed', failure_code = $2, failure_reason = $3, retry = $4,
              due_at = CASE WHEN $5::int IS NULL THEN NULL ELSE now() + make_interval(secs => $5::int / 1000.0) END,
              alerted_at = CASE WHEN state = 'failed' AND failure_code = $2 AND failure_reason = $3 THEN alerted_at ELSE NULL END,
              updated_at = now() WHERE id = $1`,
      [id, failure.code, failure.reason, retry, dueInMs === null ? null : Math.round(dueInMs)],
    );
  }

  /** Tried again later without changing its state (the channel was unavailable). */
  async postpone(id: string, delayMs: number, note: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE wholesale_export SET due_at = now() + make_interval(secs => $2::int / 1000.0), failure_reason = $3, updated_at = now()
        WHERE id = $1`,
      [id, Math.round(delayMs), note],
    );
  }

  /** Everything due of a store waits (one of its ends cannot be reached); states are kept. */
  async postponeDue(storeId: string, delayMs: number): Promise<void> {
    await this.dataSource.query(
      `UPDATE wholesale_export SET due_at = now() + make_interval(secs => $2::int / 1000.0) WHERE store_id = $1 AND due_at <= now()`,
      [storeId, Math.round(delayMs)],
    );
  }

  async settleMarked(id: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE wholesale_export SET marked_at = now(), due_at = NULL, failure_reason = NULL, updated_at = now() WHERE id = $1`,
      [id],
    );
  }

  /**
   * A person's retry of a failed export: due now, the source order read again, alerted again if it fails again. A failed
   * export has no due time unless a worker holds it: that lease is kept (it is being tried again already). False when it
   * is no longer failed. In the caller's transaction (`manager`) when given.
   */
  async retryNow(id: string, manager?: EntityManager): Promise<boolean> {
    // A SELECT over the update, so the answer is its rows whatever the driver makes of an UPDATE's result.
    const rows = await (manager ?? this.dataSource.manager).query<{ id: string }[]>(
      `WITH retried AS (
         UPDATE wholesale_export SET due_at = coalesce(due_at, now()), source_order = NULL, attempts = 0, updated_at = now()
          WHERE id = $1 AND state = 'failed' RETURNING id
       ) SELECT id FROM retried`,
      [id],
    );
    return rows.length > 0;
  }

  /** Failed exports no digest has reported yet. */
  unalerted(storeId: string): Promise<ExportRow[]> {
    return this.dataSource.query<ExportRow[]>(
      `SELECT ${COLUMNS} FROM wholesale_export WHERE store_id = $1 AND state = 'failed' AND alerted_at IS NULL ORDER BY updated_at, id`,
      [storeId],
    );
  }

  async setAlerted(ids: string[]): Promise<void> {
    await this.dataSource.query(`UPDATE wholesale_export SET alerted_at = now() WHERE id = ANY($1::uuid[])`, [ids]);
  }

  async get(id: string, manager?: EntityManager): Promise<ExportRow | null> {
    const db = manager ?? this.dataSource.manager;
    const [row] = await db.query<ExportRow[]>(`SELECT ${COLUMNS} FROM wholesale_export WHERE id = $1`, [id]);
    return row ?? null;
  }

  /** Every export of one source order, oldest first. */
  history(storeId: string, sourceOrderId: string): Promise<ExportRow[]> {
    return this.dataSource.query<ExportRow[]>(
      `SELECT ${COLUMNS} FROM wholesale_export WHERE store_id = $1 AND source_order_id = $2 ORDER BY generation`,
      [storeId, sourceOrderId],
    );
  }

  list(filter: { storeId?: string; state?: ExportState; sourceOrderId?: string; limit: number }): Promise<ExportRow[]> {
    return this.dataSource.query<ExportRow[]>(
      `SELECT ${COLUMNS} FROM wholesale_export
        WHERE ($1::uuid IS NULL OR store_id = $1) AND ($2::text IS NULL OR state = $2) AND ($3::text IS NULL OR source_order_id = $3)
        ORDER BY created_at DESC, id LIMIT $4`,
      [filter.storeId ?? null, filter.state ?? null, filter.sourceOrderId ?? null, filter.limit],
    );
  }
}
