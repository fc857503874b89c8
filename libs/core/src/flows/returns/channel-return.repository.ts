import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { ChannelReturn } from '../../channel/channel-adapter.interface';
import { redactedChannelReturnSql } from '../../privacy/personal-data.sql';

export type ChannelReturnState = 'pending' | 'requested' | 'expected' | 'received' | 'closed' | 'withdrawn' | 'held' | 'skipped' | 'failed';

export interface ClaimedReturn {
  id: string;
  storeId: string;
  externalId: string;
  orderExternalId: string | null;
  state: ChannelReturnState;
  warehouseReturnId: string | null;
  attempts: number;
}

export interface ReturnSettlement {
  state: ChannelReturnState;
  reason: string | null;
  snapshot?: ChannelReturn | null;
  warehouseReturnId?: string | null;
}

// Whether the return's order was redacted on a privacy request (in a settlement, $4 is the return as read).
const REDACTED_ORDER = `EXISTS (SELECT 1 FROM channel_order o WHERE o.store_id = channel_return.store_id AND o.redacted_at IS NOT NULL
  AND o.external_id = coalesce($4::jsonb->>'orderExternalId', channel_return.order_external_id))`;

// A claimed return not settled by then was cut off (crash): it is due again and read again.
const LEASE_SECONDS = 60;

/** The return engine's rows: notices make a return due, a claim leases it, a settlement records what was decided. */
@Injectable()
export class ChannelReturnRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** A notice (webhook, reconciliation, a receipt in the warehouse): the return is read and decided again. */
  async touch(
    manager: EntityManager,
    storeId: string,
    returns: { externalId: string; orderExternalId?: string | null }[],
  ): Promise<number> {
    if (returns.length === 0) {
      return 0;
    }
    const rows = await manager.query<unknown[]>(
      `WITH input AS (SELECT DISTINCT ON (external_id) * FROM unnest($2::text[], $3::text[]) AS v(external_id, order_external_id)),
       upsert AS (
         INSERT INTO channel_return (store_id, external_id, order_external_id, due_at)
         SELECT $1, external_id, order_external_id, now() FROM input
         ON CONFLICT (store_id, external_id) DO UPDATE
            SET due_at = least(coalesce(channel_return.due_at, now()), now()),
                order_external_id = coalesce(channel_return.order_external_id, EXCLUDED.order_external_id), updated_at = now()
         RETURNING 1
       ) SELECT * FROM upsert`,
      [storeId, returns.map((r) => r.externalId), returns.map((r) => r.orderExternalId ?? null)],
    );
    return rows.length;
  }

  /** The warehouse received goods of this return: its channel return is due (the receipt is recorded there). */
  async touchByWarehouseReturn(manager: EntityManager, warehouseReturnId: string): Promise<void> {
    await manager.query(
      `UPDATE channel_return SET due_at = least(coalesce(due_at, now()), now()), updated_at = now() WHERE warehouse_return_id = $1`,
      [warehouseReturnId],
    );
  }

  async claim(storeId: string, limit: number): Promise<ClaimedReturn[]> {
    return this.dataSource.query<ClaimedReturn[]>(
      // Through a CTE: TypeORM answers a bare UPDATE with [rows, count].
      `WITH claimed AS (
         UPDATE channel_return r SET due_at = now() + make_interval(secs => $3)
           FROM (SELECT id FROM channel_return WHERE store_id = $1 AND due_at <= now() ORDER BY due_at LIMIT $2 FOR UPDATE SKIP LOCKED) c
          WHERE r.id = c.id
          RETURNING r.id, r.store_id AS "storeId", r.external_id AS "externalId", r.order_external_id AS "orderExternalId", r.state,
                    r.warehouse_return_id AS "warehouseReturnId", r.attempts
       ) SELECT * FROM claimed`,
      [storeId, limit, LEASE_SECONDS],
    );
  }

  /**
   * Records the decision. A notice that came after the claim made the return due now (the claim had set the lease, in
   * the future): that due time stays, since this decision was read without it.
   */
  async settle(id: string, s: ReturnSettlement, manager?: EntityManager): Promise<void> {
    await (manager ?? this.dataSource.manager).query(
      `UPDATE channel_return SET state = $2, reason = $3,
              -- A redacted return (or a return of a redacted order) stays redacted: the channel's next read does not
              -- bring the customer's words back.
              snapshot = CASE WHEN $4::jsonb IS NULL THEN snapshot
                              WHEN redacted_at IS NULL AND NOT ${REDACTED_ORDER} THEN $4::jsonb
                              ELSE ${redactedChannelReturnSql('$4::jsonb')} END,
              redacted_at = CASE WHEN redacted_at IS NULL AND ${REDACTED_ORDER} THEN now() ELSE redacted_at END,
              external_name = coalesce($4::jsonb->>'externalName', external_name),
              order_external_id = coalesce($4::jsonb->>'orderExternalId', order_external_id),
              warehouse_return_id = coalesce($5, warehouse_return_id),
              due_at = CASE WHEN due_at <= clock_timestamp() THEN due_at ELSE NULL END,
              attempts = 0, last_error = NULL, synced_at = now(), updated_at = now()
        WHERE id = $1`,
      [id, s.state, s.reason, s.snapshot ? JSON.stringify(s.snapshot) : null, s.warehouseReturnId ?? null],
    );
  }

  /** A failed attempt: due again after `delayMs`, or given up (failed, not due) when `delayMs` is null. */
  async fail(ids: string[], error: string, delayMs: number | null): Promise<void> {
    await this.dataSource.query(
      `UPDATE channel_return SET attempts = attempts + 1, last_error = $2,
              state = CASE WHEN $3::int IS NULL THEN 'failed' ELSE state END,
              due_at = CASE WHEN $3::int IS NULL THEN NULL ELSE now() + make_interval(secs => $3::int / 1000.0) END, updated_at = now()
        WHERE id = ANY($1::uuid[])`,
      [ids, error, delayMs],
    );
  }

  /** Stores with returns due now (connected ones only). */
  async dueStores(): Promise<string[]> {
    const rows = await this.dataSource.query<{ store_id: string }[]>(
      `SELECT DISTINCT r.store_id FROM channel_return r JOIN store s ON s.id = r.store_id WHERE r.due_at <= now() AND s.status = 'connected'`,
    );
    return rows.map((r) => r.store_id);
  }

  /** Makes due the returns still in play (their channel state may have moved on without a notice); how many. */
  async touchFollowed(storeId: string): Promise<number> {
    const rows = await this.dataSource.query<unknown[]>(
      `WITH t AS (UPDATE channel_return SET due_at = least(coalesce(due_at, now()), now()), updated_at = now()
                   WHERE store_id = $1 AND state IN ('requested', 'expected', 'held') RETURNING 1) SELECT * FROM t`,
      [storeId],
    );
    return rows.length;
  }

  /** Makes a return due now (a person's retry); null when there is none. */
  async retry(id: string): Promise<{ storeId: string } | null> {
    const [row] = await this.dataSource.query<{ store_id: string }[]>(
      `WITH r AS (UPDATE channel_return SET due_at = now(), attempts = 0, updated_at = now() WHERE id = $1 RETURNING store_id) SELECT * FROM r`,
      [id],
    );
    return row ? { storeId: row.store_id } : null;
  }

  list(filter: { storeId?: string; id?: string; state?: ChannelReturnState; limit: number }): Promise<ChannelReturnView[]> {
    return this.dataSource.query(
      `SELECT id, store_id AS "storeId", external_id AS "externalId", external_name AS "externalName", order_external_id AS "orderExternalId",
              snapshot->>'status' AS "channelStatus", state, reason, warehouse_return_id AS "warehouseReturnId", due_at AS "dueAt",
              attempts, last_error AS "lastError", first_seen_at AS "firstSeenAt", synced_at AS "syncedAt", updated_at AS "updatedAt",
              coalesce(snapshot->'lines', '[]') AS lines, coalesce(snapshot->'disposal', '[]') AS disposal
         FROM channel_return
        WHERE ($1::uuid IS NULL OR store_id = $1) AND ($2::uuid IS NULL OR id = $2) AND ($3::text IS NULL OR state = $3)
        ORDER BY updated_at DESC LIMIT $4`,
      [filter.storeId ?? null, filter.id ?? null, filter.state ?? null, filter.limit],
    );
  }
}

export interface ChannelReturnView {
  id: string;
  storeId: string;
  externalId: string;
  externalName: string | null;
  orderExternalId: string | null;
  channelStatus: string | null;
  state: ChannelReturnState;
  reason: string | null;
  warehouseReturnId: string | null;
  dueAt: Date | null;
  attempts: number;
  lastError: string | null;
  firstSeenAt: Date;
  syncedAt: Date | null;
  updatedAt: Date;
  lines: unknown[];
  disposal: unknown[];
}
