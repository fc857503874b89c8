import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { ChannelOrder } from '../../channel/channel-adapter.interface';
import { redactedChannelOrderSql } from '../../privacy/personal-data.sql';
import type { OrderLineProblem, OrderLink } from './order-plan.decision';

/** What recording a channel's word about an order did. */
export type OrderIntakeOutcome = 'new' | 'newer' | 'same' | 'older' | 'conflicting';

export type ChannelOrderState = 'pending' | 'imported' | 'skipped' | 'held' | 'cancelled' | 'conflict' | 'failed';

export interface ClaimedOrder {
  id: string;
  externalId: string;
  readWanted: boolean;
  cancelled: boolean;
  attempts: number;
  /** Its allocations were read and still hold (no move or hold since). */
  allocationsKnown: boolean;
  /** Nothing of it is left to fulfil on the channel. */
  fulfilled: boolean;
}

export interface LockedOrder {
  id: string;
  storeId: string;
  externalId: string;
  snapshot: ChannelOrder;
  channelUpdatedAt: Date;
  state: ChannelOrderState;
}

export interface OrderSettlement {
  state: ChannelOrderState;
  reason: string | null;
  problems: OrderLineProblem[];
  allocations: unknown;
}

// A claimed order not settled by then was cut off (crash): it is due again.
const LEASE_SECONDS = 60;

/** The order engine's rows: intake (never older than what is held), claim, lock, links and settlement. */
@Injectable()
export class ChannelOrderRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Keeps the newest state per order; a state with a newer version makes the order due. Two different states with the
   * same version (channels count in seconds) cannot be ordered, whether they meet here or in one batch: the order is due
   * and read from the channel first.
   */
  async record(manager: EntityManager, storeId: string, orders: ChannelOrder[]): Promise<Map<string, OrderIntakeOutcome>> {
    const newest = new Map<string, ChannelOrder>();
    // Orders whose newest version came in this batch with two different states: which is current is for the channel to say.
    const conflicting = new Set<string>();
    for (const order of orders) {
      const held = newest.get(order.externalId);
      const at = Date.parse(order.updatedAt);
      if (!held || at > Date.parse(held.updatedAt)) {
        newest.set(order.externalId, order);
        conflicting.delete(order.externalId);
      } else if (at === Date.parse(held.updatedAt) && JSON.stringify(order) !== JSON.stringify(held)) {
        conflicting.add(order.externalId);
      }
    }
    const list = [...newest.values()];
    if (list.length === 0) {
      return new Map();
    }
    const rows = await manager.query<{ external_id: string; outcome: OrderIntakeOutcome }[]>(
      `WITH input AS (
         SELECT * FROM unnest($2::text[], $3::text[], $4::jsonb[], $5::timestamptz[], $6::boolean[])
                  AS v(external_id, external_number, snapshot, updated_at, conflicting)
       ), before AS (
         SELECT o.external_id, o.channel_updated_at, o.snapshot, o.redacted_at FROM channel_order o JOIN input USING (external_id) WHERE o.store_id = $1
       ), upsert AS (
         INSERT INTO channel_order (store_id, external_id, external_number, snapshot, channel_updated_at, due_at, read_wanted)
         SELECT $1, external_id, external_number, snapshot, updated_at, now(), conflicting FROM input
         ON CONFLICT (store_id, external_id) DO UPDATE
            -- A redacted order stays redacted: a later state from the channel does not bring the person back.
            SET snapshot = CASE WHEN EXCLUDED.channel_updated_at <= channel_order.channel_updated_at THEN channel_order.snapshot
                                WHEN channel_order.redacted_at IS NULL THEN EXCLUDED.snapshot
                                ELSE ${redactedChannelOrderSql('EXCLUDED.snapshot')} END,
                external_number = coalesce(EXCLUDED.external_number, channel_order.external_number),
                read_wanted = channel_order.read_wanted OR EXCLUDED.read_wanted OR EXCLUDED.channel_updated_at = channel_order.channel_updated_at,
                channel_updated_at = greatest(EXCLUDED.channel_updated_at, channel_order.channel_updated_at),
                due_at = least(coalesce(channel_order.due_at, now()), now()),
                updated_at = now()
          WHERE EXCLUDED.channel_updated_at > channel_order.channel_updated_at
             OR (EXCLUDED.channel_updated_at = channel_order.channel_updated_at
                 AND ((CASE WHEN channel_order.redacted_at IS NULL THEN EXCLUDED.snapshot ELSE ${redactedChannelOrderSql('EXCLUDED.snapshot')} END)
                        <> channel_order.snapshot
                      OR EXCLUDED.read_wanted))
         RETURNING external_id
       )
       SELECT i.external_id,
              CASE WHEN b.external_id IS NULL THEN 'new'
                   WHEN i.updated_at > b.channel_updated_at THEN 'newer'
                   WHEN i.updated_at < b.channel_updated_at THEN 'older'
                   WHEN (CASE WHEN b.redacted_at IS NULL THEN i.snapshot ELSE ${redactedChannelOrderSql('i.snapshot')} END) = b.snapshot
                        AND NOT i.conflicting THEN 'same'
                   ELSE 'conflicting' END AS outcome
         FROM input i LEFT JOIN before b USING (external_id)`,
      [
        storeId,
        list.map((o) => o.externalId),
        list.map((o) => o.externalNumber),
        list.map((o) => JSON.stringify(o)),
        list.map((o) => o.updatedAt),
        list.map((o) => conflicting.has(o.externalId)),
      ],
    );
    return new Map(rows.map((r) => [r.external_id, r.outcome]));
  }

  /** Makes an order due again and read from the channel first (an edit's notice, a retry). */
  async touch(manager: EntityManager, storeId: string, externalIds: string[]): Promise<number> {
    const rows = await manager.query<unknown[]>(
      `WITH touched AS (
         UPDATE channel_order SET read_wanted = true, due_at = least(coalesce(due_at, now()), now()), updated_at = now()
          WHERE store_id = $1 AND external_id = ANY($2::text[]) RETURNING 1
       ) SELECT * FROM touched`,
      [storeId, externalIds],
    );
    return rows.length;
  }

  /** Makes due again the store's orders in these states (a mapping that may release them). */
  async redue(storeId: string, states: ChannelOrderState[], manager?: EntityManager): Promise<number> {
    const rows = await (manager ?? this.dataSource.manager).query<unknown[]>(
      `WITH redue AS (
         UPDATE channel_order SET due_at = now(), updated_at = now() WHERE store_id = $1 AND state = ANY($2::text[]) AND due_at IS NULL RETURNING 1
       ) SELECT * FROM redue`,
      [storeId, states],
    );
    return rows.length;
  }

  /** Takes up to `limit` due orders of the store under a lease. */
  async claim(storeId: string, limit: number): Promise<ClaimedOrder[]> {
    const rows = await this.dataSource.query<
      {
        id: string;
        external_id: string;
        read_wanted: boolean;
        cancelled: boolean;
        attempts: number;
        allocations_known: boolean;
        fulfilled: boolean;
      }[]
    >(
      // Through a CTE: TypeORM answers a bare UPDATE with [rows, count].
      `WITH claimed AS (
         UPDATE channel_order o SET due_at = now() + make_interval(secs => $3)
           FROM (SELECT id FROM channel_order WHERE store_id = $1 AND due_at <= now() ORDER BY due_at LIMIT $2 FOR UPDATE SKIP LOCKED) c
          WHERE o.id = c.id
          RETURNING o.id, o.external_id, o.read_wanted, (o.snapshot->>'cancelledAt') IS NOT NULL AS cancelled, o.attempts,
                    o.allocations_read_at IS NOT NULL AS allocations_known, o.snapshot->>'fulfillmentStatus' = 'FULFILLED' AS fulfilled
       ) SELECT * FROM claimed`,
      [storeId, limit, LEASE_SECONDS],
    );
    return rows.map((r) => ({
      id: r.id,
      externalId: r.external_id,
      readWanted: r.read_wanted,
      cancelled: r.cancelled,
      attempts: r.attempts,
      allocationsKnown: r.allocations_known,
      fulfilled: r.fulfilled === true,
    }));
  }

  async lock(manager: EntityManager, id: string): Promise<LockedOrder | null> {
    const [row] = await manager.query<
      { id: string; store_id: string; external_id: string; snapshot: ChannelOrder; channel_updated_at: Date; state: ChannelOrderState }[]
    >(`SELECT id, store_id, external_id, snapshot, channel_updated_at, state FROM channel_order WHERE id = $1 FOR UPDATE`, [id]);
    return row
      ? {
          id: row.id,
          storeId: row.store_id,
          externalId: row.external_id,
          snapshot: row.snapshot,
          channelUpdatedAt: row.channel_updated_at,
          state: row.state,
        }
      : null;
  }

  /** Replaces the held state with one read from the channel (never with an older one). */
  async replaceSnapshot(manager: EntityManager, id: string, order: ChannelOrder): Promise<void> {
    await manager.query(
      `UPDATE channel_order SET snapshot = CASE WHEN redacted_at IS NULL THEN $2::jsonb ELSE ${redactedChannelOrderSql('$2::jsonb')} END,
              channel_updated_at = $3, external_number = coalesce($4, external_number)
        WHERE id = $1 AND channel_updated_at <= $3`,
      [id, JSON.stringify(order), order.updatedAt, order.externalNumber],
    );
  }

  async links(manager: EntityManager, id: string): Promise<OrderLink[]> {
    return manager.query(
      `SELECT warehouse_order_id AS "warehouseOrderId", warehouse_id AS "warehouseId", shipping_process_id AS "shippingProcessId"
         FROM channel_order_link WHERE channel_order_id = $1 ORDER BY warehouse_id`,
      [id],
    );
  }

  async saveLink(
    manager: EntityManager,
    id: string,
    link: OrderLink & { channelLocationIds: string[]; allocationIds: string[] },
  ): Promise<void> {
    await manager.query(
      `INSERT INTO channel_order_link (channel_order_id, warehouse_order_id, warehouse_id, shipping_process_id, channel_location_ids, allocation_ids)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (channel_order_id, warehouse_id) DO UPDATE
          SET warehouse_order_id = EXCLUDED.warehouse_order_id, channel_location_ids = EXCLUDED.channel_location_ids,
              allocation_ids = EXCLUDED.allocation_ids`,
      [id, link.warehouseOrderId, link.warehouseId, link.shippingProcessId, link.channelLocationIds, link.allocationIds],
    );
  }

  /**
   * Records the decision; the order is due again only if a newer state or an edit's notice came meanwhile. One that came
   * between the claim and the lock made the order due now (the claim had set the lease, in the future): its due time and
   * its wish to be read stay, since this decision was claimed without them.
   */
  async settle(manager: EntityManager, id: string, settlement: OrderSettlement): Promise<void> {
    await manager.query(
      `UPDATE channel_order SET state = $2, reason = $3, problems = $4, applied_updated_at = channel_updated_at,
              allocations = coalesce($5, allocations), allocations_read_at = CASE WHEN $5::jsonb IS NULL THEN allocations_read_at ELSE now() END,
              read_wanted = CASE WHEN due_at <= clock_timestamp() THEN read_wanted ELSE false END,
              due_at = CASE WHEN due_at <= clock_timestamp() THEN due_at ELSE NULL END, attempts = 0, last_error = NULL,
              imported_at = CASE WHEN $2 IN ('imported', 'held') THEN coalesce(imported_at, now()) ELSE imported_at END,
              updated_at = now()
        WHERE id = $1`,
      [
        id,
        settlement.state,
        settlement.reason,
        JSON.stringify(settlement.problems),
        settlement.allocations === null ? null : JSON.stringify(settlement.allocations),
      ],
    );
  }

  /** A failed attempt: due again after `delayMs`, or given up (failed, not due) when `delayMs` is null. */
  async fail(ids: string[], error: string, delayMs: number | null): Promise<void> {
    await this.dataSource.query(
      `UPDATE channel_order SET attempts = attempts + 1, last_error = $2,
              state = CASE WHEN $3::int IS NULL THEN 'failed' ELSE state END,
              due_at = CASE WHEN $3::int IS NULL THEN NULL ELSE now() + make_interval(secs => $3::int / 1000.0) END, updated_at = now()
        WHERE id = ANY($1::uuid[])`,
      [ids, error, delayMs],
    );
  }

  /** Stores with orders due now (connected ones only: the others keep theirs for when they are back). */
  async dueStores(): Promise<string[]> {
    const rows = await this.dataSource.query<{ store_id: string }[]>(
      `SELECT DISTINCT o.store_id FROM channel_order o JOIN store s ON s.id = o.store_id
        WHERE o.due_at <= now() AND s.status = 'connected'`,
    );
    return rows.map((r) => r.store_id);
  }

  async reconciledThrough(storeId: string): Promise<Date | null> {
    const [row] = await this.dataSource.query<{ at: Date | null }[]>(`SELECT orders_reconciled_through AS at FROM store WHERE id = $1`, [
      storeId,
    ]);
    return row?.at ?? null;
  }

  async setReconciledThrough(storeId: string, at: Date): Promise<void> {
    await this.dataSource.query(`UPDATE store SET orders_reconciled_through = greatest(orders_reconciled_through, $2) WHERE id = $1`, [
      storeId,
      at,
    ]);
  }

  /** The channel order a warehouse order came from. */
  async byWarehouseOrder(warehouseOrderId: string): Promise<{ id: string; storeId: string; externalId: string } | null> {
    const [row] = await this.dataSource.query<{ id: string; store_id: string; external_id: string }[]>(
      `SELECT o.id, o.store_id, o.external_id FROM channel_order_link l JOIN channel_order o ON o.id = l.channel_order_id
        WHERE l.warehouse_order_id = $1`,
      [warehouseOrderId],
    );
    return row ? { id: row.id, storeId: row.store_id, externalId: row.external_id } : null;
  }

  /** The warehouse orders a channel order became (empty when it was never imported). */
  async linksByExternal(
    storeId: string,
    externalId: string,
  ): Promise<{ warehouseOrderId: string; warehouseId: string; channelLocationIds: string[] }[]> {
    return this.dataSource.query(
      `SELECT l.warehouse_order_id AS "warehouseOrderId", l.warehouse_id AS "warehouseId", l.channel_location_ids AS "channelLocationIds"
         FROM channel_order o JOIN channel_order_link l ON l.channel_order_id = o.id
        WHERE o.store_id = $1 AND o.external_id = $2 ORDER BY l.warehouse_id`,
      [storeId, externalId],
    );
  }

  /** The store's channel orders as people look at them: newest change first. */
  list(storeId: string, filter: { state?: ChannelOrderState; limit: number; ids?: string[] }): Promise<ChannelOrderView[]> {
    return this.dataSource.query(
      `SELECT o.id, o.external_id AS "externalId", o.external_number AS "externalNumber", o.state, o.reason, o.problems,
              o.channel_updated_at AS "channelUpdatedAt", o.applied_updated_at AS "appliedUpdatedAt", o.due_at AS "dueAt",
              o.attempts, o.last_error AS "lastError", o.first_seen_at AS "firstSeenAt", o.imported_at AS "importedAt",
              coalesce((SELECT json_agg(json_build_object('warehouseOrderId', l.warehouse_order_id, 'warehouseId', l.warehouse_id,
                        'shippingProcessId', l.shipping_process_id, 'channelLocationIds', l.channel_location_ids,
                        'allocationIds', l.allocation_ids) ORDER BY l.warehouse_id)
                 FROM channel_order_link l WHERE l.channel_order_id = o.id), '[]') AS "warehouseOrders"
         FROM channel_order o
        WHERE o.store_id = $1 AND ($2::text IS NULL OR o.state = $2) AND ($4::uuid[] IS NULL OR o.id = ANY($4::uuid[]))
        ORDER BY o.updated_at DESC LIMIT $3`,
      [storeId, filter.state ?? null, filter.limit, filter.ids ?? null],
    );
  }
}

export interface ChannelOrderView {
  id: string;
  externalId: string;
  externalNumber: string | null;
  state: ChannelOrderState;
  reason: string | null;
  problems: OrderLineProblem[];
  channelUpdatedAt: Date;
  appliedUpdatedAt: Date | null;
  dueAt: Date | null;
  attempts: number;
  lastError: string | null;
  firstSeenAt: Date;
  importedAt: Date | null;
  warehouseOrders: (OrderLink & { channelLocationIds: string[]; allocationIds: string[] })[];
}
