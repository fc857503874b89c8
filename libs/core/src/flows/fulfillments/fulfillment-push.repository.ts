import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { ChannelOrderAllocation, ChannelTracking } from '../../channel/channel-adapter.interface';
import type { PlannedLine, ShipmentLine } from './fulfillment-plan.decision';

export type FulfillmentPushState = 'pending' | 'pushed' | 'held' | 'skipped' | 'failed';

/** A fulfillment made for a shipment. */
export interface MadeFulfillment {
  externalId: string;
  channelLocationId: string | null;
  lines: PlannedLine[];
  at: string;
}

/** The create being sent; while set, its outcome is unknown. */
export interface InFlightCreate {
  channelLocationId: string | null;
  trackingNumbers: string[];
  trackingVersion: number;
  lines: PlannedLine[];
  sentAt: string;
}

export interface NewFulfillmentPush {
  storeId: string;
  shipmentId: string;
  warehouseOrderId: string;
  lines: ShipmentLine[];
  tracking: ChannelTracking;
}

export interface ClaimedPush {
  id: string;
  storeId: string;
  shipmentId: string;
  channelOrderId: string;
  orderExternalId: string;
  lines: ShipmentLine[];
  tracking: ChannelTracking;
  trackingVersion: number;
  pushedTrackingVersion: number;
  state: FulfillmentPushState;
  fulfillments: MadeFulfillment[];
  inFlight: InFlightCreate | null;
  readWanted: boolean;
  attempts: number;
  /** From the order engine: the allocations the warehouse order came from, as last read. */
  allocationIds: string[];
  channelLocationIds: string[];
  allocations: ChannelOrderAllocation[] | null;
  allocationsReadAt: Date | null;
}

export interface PushSettlement {
  state: FulfillmentPushState;
  reason: string | null;
  /** null: not due again (unless the tracking changed meanwhile). */
  retryInMs: number | null;
  pushedTrackingVersion?: number;
  lastError?: string | null;
  countAttempt?: boolean;
  readWanted?: boolean;
}

// A claimed push not settled by then was cut off (crash): it is due again, and reads the channel first if it was sending.
const LEASE_SECONDS = 60;

const CLAIMED_COLUMNS = `p.id, p.store_id AS "storeId", p.shipment_id AS "shipmentId", p.channel_order_id AS "channelOrderId",
  p.order_external_id AS "orderExternalId", p.lines, p.tracking, p.tracking_version AS "trackingVersion",
  p.pushed_tracking_version AS "pushedTrackingVersion", p.state, p.fulfillments, p.in_flight AS "inFlight",
  p.read_wanted AS "readWanted", p.attempts, l.allocation_ids AS "allocationIds", l.channel_location_ids AS "channelLocationIds",
  o.allocations, o.allocations_read_at AS "allocationsReadAt"`;

/** The fulfillment engine's rows: intake from shipments, claim (one push per order at a time), in-flight record, settlement. */
@Injectable()
export class FulfillmentPushRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** A push per shipment of a channel order (a replay of the same shipment is a no-op); false when the order is not a channel's. */
  async create(manager: EntityManager, push: NewFulfillmentPush): Promise<boolean> {
    const rows = await manager.query<unknown[]>(
      `WITH link AS (
         SELECT l.channel_order_id, o.external_id FROM channel_order_link l JOIN channel_order o ON o.id = l.channel_order_id
          WHERE l.warehouse_order_id = $3 AND o.store_id = $1
       ), inserted AS (
         INSERT INTO fulfillment_push (store_id, shipment_id, warehouse_order_id, channel_order_id, order_external_id, lines, tracking, due_at)
         SELECT $1, $2, $3, channel_order_id, external_id, $4, $5, now() FROM link
         ON CONFLICT (shipment_id) DO NOTHING RETURNING 1
       ) SELECT * FROM inserted`,
      [push.storeId, push.shipmentId, push.warehouseOrderId, JSON.stringify(push.lines), JSON.stringify(push.tracking)],
    );
    return rows.length > 0;
  }

  /** The shipment's tracking changed: the channel's fulfillments are brought to it (now, or once they exist). */
  async changeTracking(manager: EntityManager, shipmentId: string, tracking: ChannelTracking): Promise<void> {
    await manager.query(
      `UPDATE fulfillment_push SET tracking = $2, tracking_version = tracking_version + 1, due_at = now(), updated_at = now()
        WHERE shipment_id = $1 AND state <> 'skipped'`,
      [shipmentId, JSON.stringify(tracking)],
    );
  }

  /**
   * The channel changed these allocations (a hold placed or released, a move): pushes of their orders that wait or were
   * held are read and planned again now, and later ones read before they plan.
   */
  async redueForAllocations(manager: EntityManager, storeId: string, allocationIds: string[]): Promise<number> {
    // The order engine's last read of these allocations no longer holds: a later shipment reads them fresh.
    await manager.query(
      `UPDATE channel_order o SET allocations_read_at = NULL
        WHERE o.store_id = $1 AND o.allocations_read_at IS NOT NULL
          AND EXISTS (SELECT 1 FROM jsonb_array_elements(coalesce(o.allocations, '[]')) a WHERE a->>'externalId' = ANY($2::text[]))`,
      [storeId, allocationIds],
    );
    const rows = await manager.query<unknown[]>(
      `WITH r AS (
         UPDATE fulfillment_push p SET due_at = now(), read_wanted = true, updated_at = now()
          WHERE p.store_id = $1 AND p.state IN ('pending', 'held', 'failed')
            AND (EXISTS (SELECT 1 FROM channel_order_link l WHERE l.warehouse_order_id = p.warehouse_order_id AND l.allocation_ids && $2::text[])
                 OR EXISTS (SELECT 1 FROM channel_order o, jsonb_array_elements(coalesce(o.allocations, '[]')) a
                             WHERE o.id = p.channel_order_id AND a->>'externalId' = ANY($2::text[])))
          RETURNING 1
       ) SELECT * FROM r`,
      [storeId, allocationIds],
    );
    return rows.length;
  }

  /**
   * Takes up to `limit` due pushes of the store under a lease, at most one per channel order and none of an order
   * another worker holds: two creates for one order at once could not tell their fulfillments apart.
   */
  async claim(storeId: string, limit: number): Promise<ClaimedPush[]> {
    return this.dataSource.transaction(async (manager) => {
      const candidates = await manager.query<{ id: string; order_external_id: string }[]>(
        `SELECT p.id, p.order_external_id FROM fulfillment_push p
          WHERE p.store_id = $1 AND p.due_at <= now() AND (p.leased_until IS NULL OR p.leased_until < now())
            AND NOT EXISTS (SELECT 1 FROM fulfillment_push s WHERE s.store_id = p.store_id AND s.order_external_id = p.order_external_id
                             AND s.id <> p.id AND s.leased_until >= now())
          ORDER BY p.due_at LIMIT $2 FOR UPDATE OF p SKIP LOCKED`,
        [storeId, limit * 3],
      );
      const seen = new Set<string>();
      const ids = candidates
        .filter((c) => (seen.has(c.order_external_id) ? false : (seen.add(c.order_external_id), true)))
        .slice(0, limit)
        .map((c) => c.id);
      if (ids.length === 0) {
        return [];
      }
      await manager.query(`UPDATE fulfillment_push SET leased_until = now() + make_interval(secs => $2) WHERE id = ANY($1::uuid[])`, [
        ids,
        LEASE_SECONDS,
      ]);
      return manager.query<ClaimedPush[]>(
        `SELECT ${CLAIMED_COLUMNS} FROM fulfillment_push p
           JOIN channel_order o ON o.id = p.channel_order_id
           LEFT JOIN channel_order_link l ON l.warehouse_order_id = p.warehouse_order_id
          WHERE p.id = ANY($1::uuid[]) ORDER BY p.due_at`,
        [ids],
      );
    });
  }

  /** Written and committed before the create is sent: from here until settled, its outcome is unknown. */
  async markInFlight(id: string, inFlight: InFlightCreate): Promise<void> {
    await this.dataSource.query(`UPDATE fulfillment_push SET in_flight = $2, updated_at = now() WHERE id = $1`, [
      id,
      JSON.stringify(inFlight),
    ]);
  }

  /** The channel has this fulfillment for the push (created now, or found after an unknown outcome). */
  async recordFulfillment(id: string, made: MadeFulfillment, trackingVersion: number): Promise<void> {
    await this.dataSource.query(
      `UPDATE fulfillment_push SET fulfillments = fulfillments || $2::jsonb, in_flight = NULL,
              pushed_tracking_version = greatest(pushed_tracking_version, $3), pushed_at = coalesce(pushed_at, now()), updated_at = now()
        WHERE id = $1`,
      [id, JSON.stringify([made]), trackingVersion],
    );
  }

  /** The create was refused or never reached the channel: nothing is in flight. */
  async clearInFlight(id: string): Promise<void> {
    await this.dataSource.query(`UPDATE fulfillment_push SET in_flight = NULL, updated_at = now() WHERE id = $1`, [id]);
  }

  /**
   * Ends a claim. The push is due again after `retryInMs`, or now if its tracking changed since it was claimed (the
   * change made it due while the lease held it).
   */
  async settle(id: string, claimedTrackingVersion: number, s: PushSettlement): Promise<void> {
    await this.dataSource.query(
      `UPDATE fulfillment_push SET state = $2, reason = $3,
              due_at = CASE WHEN tracking_version > $4 AND $2 IN ('pushed', 'held') THEN now()
                            WHEN $5::int IS NULL THEN NULL ELSE now() + make_interval(secs => $5::int / 1000.0) END,
              leased_until = NULL, pushed_tracking_version = greatest(pushed_tracking_version, coalesce($6, 0)),
              attempts = CASE WHEN $7 THEN attempts + 1 WHEN $2 = 'pushed' THEN 0 ELSE attempts END,
              last_error = CASE WHEN $2 = 'pushed' THEN NULL ELSE coalesce($8, last_error) END,
              read_wanted = $9, updated_at = now()
        WHERE id = $1`,
      [
        id,
        s.state,
        s.reason,
        claimedTrackingVersion,
        s.retryInMs,
        s.pushedTrackingVersion ?? null,
        s.countAttempt ?? false,
        s.lastError ?? null,
        s.readWanted ?? false,
      ],
    );
  }

  /** Everything the store's pushes made on these orders: a found fulfillment must not be one of them. */
  async knownFulfillments(storeId: string, orderExternalIds: string[]): Promise<Map<string, MadeFulfillment[]>> {
    const rows = await this.dataSource.query<{ order_external_id: string; made: MadeFulfillment[] }[]>(
      `SELECT order_external_id, coalesce(jsonb_agg(f) FILTER (WHERE f IS NOT NULL), '[]') AS made
         FROM fulfillment_push p LEFT JOIN LATERAL jsonb_array_elements(p.fulfillments) f ON true
        WHERE p.store_id = $1 AND p.order_external_id = ANY($2::text[]) GROUP BY order_external_id`,
      [storeId, orderExternalIds],
    );
    return new Map(rows.map((r) => [r.order_external_id, r.made]));
  }

  /** Stores with pushes due now (connected ones: the others keep theirs for when they are back). */
  async dueStores(): Promise<string[]> {
    const rows = await this.dataSource.query<{ store_id: string }[]>(
      `SELECT DISTINCT p.store_id FROM fulfillment_push p JOIN store s ON s.id = p.store_id
        WHERE p.due_at <= now() AND (p.leased_until IS NULL OR p.leased_until < now()) AND s.status = 'connected'`,
    );
    return rows.map((r) => r.store_id);
  }

  /** Makes a push due now (a person's retry); false when there is none. */
  async retry(id: string): Promise<{ storeId: string } | null> {
    const [row] = await this.dataSource.query<{ store_id: string }[]>(
      `WITH r AS (UPDATE fulfillment_push SET due_at = now(), attempts = 0, read_wanted = true, updated_at = now() WHERE id = $1 RETURNING store_id)
       SELECT * FROM r`,
      [id],
    );
    return row ? { storeId: row.store_id } : null;
  }

  list(filter: {
    storeId?: string;
    shipmentId?: string;
    id?: string;
    state?: FulfillmentPushState;
    limit: number;
  }): Promise<FulfillmentPushView[]> {
    return this.dataSource.query(
      `SELECT id, store_id AS "storeId", shipment_id AS "shipmentId", warehouse_order_id AS "warehouseOrderId",
              order_external_id AS "orderExternalId", lines, tracking, state, reason, fulfillments,
              in_flight IS NOT NULL AS "outcomeUnknown", jsonb_array_length(fulfillments) > 0 AND tracking_version > pushed_tracking_version AS "trackingPending",
              due_at AS "dueAt", attempts, last_error AS "lastError", created_at AS "createdAt", pushed_at AS "pushedAt", updated_at AS "updatedAt"
         FROM fulfillment_push
        WHERE ($1::uuid IS NULL OR store_id = $1) AND ($2::uuid IS NULL OR shipment_id = $2) AND ($3::uuid IS NULL OR id = $3)
          AND ($4::text IS NULL OR state = $4)
        ORDER BY updated_at DESC LIMIT $5`,
      [filter.storeId ?? null, filter.shipmentId ?? null, filter.id ?? null, filter.state ?? null, filter.limit],
    );
  }
}

export interface FulfillmentPushView {
  id: string;
  storeId: string;
  shipmentId: string;
  warehouseOrderId: string;
  orderExternalId: string;
  lines: ShipmentLine[];
  tracking: ChannelTracking;
  state: FulfillmentPushState;
  reason: string | null;
  fulfillments: MadeFulfillment[];
  outcomeUnknown: boolean;
  trackingPending: boolean;
  dueAt: Date | null;
  attempts: number;
  lastError: string | null;
  createdAt: Date;
  pushedAt: Date | null;
  updatedAt: Date;
}
