import { Injectable } from '@nestjs/common';
import { DomainException, OutboxTopic, OutboxWriter, type StockChangedPayload } from '@gantry/core';
import type { EntityManager } from 'typeorm';
import { MovementType } from './movement-type.enum';

/** One change to one stock level. onHandDelta ≠ 0 writes a ledger row; reservedDelta only moves reservations. */
export interface LedgerEntry {
  warehouseId: string;
  productId: string;
  sku: string;
  onHandDelta: number;
  reservedDelta: number;
  type?: MovementType;
  reference?: string | null;
  transferId?: string | null;
  orderId?: string | null;
  sourceStoreId?: string | null;
  /** Where this entry came from in the request, for error messages (e.g. movements[3]). */
  field?: string;
}

export interface LevelSnapshot {
  warehouseId: string;
  productId: string;
  sku: string;
  onHand: number;
  reserved: number;
  available: number;
  version: string;
}

interface LockedLevel {
  warehouse_id: string;
  product_id: string;
  on_hand: number;
  reserved: number;
  version: string;
}

const key = (warehouseId: string, productId: string): string => `${warehouseId}/${productId}`;

/**
 * The only writer of stock levels. In the caller's transaction it locks the touched levels in a fixed
 * order (no deadlocks), applies the entries in sequence, writes the ledger rows and one stock.changed
 * outbox event per level. Set-based SQL keeps a batch at a handful of round trips.
 */
@Injectable()
export class StockLedgerService {
  constructor(private readonly outbox: OutboxWriter) {}

  async apply(manager: EntityManager, entries: LedgerEntry[]): Promise<LevelSnapshot[]> {
    if (entries.length === 0) {
      return [];
    }
    const keys = [...new Map(entries.map((e) => [key(e.warehouseId, e.productId), e])).values()].sort((a, b) =>
      key(a.warehouseId, a.productId) < key(b.warehouseId, b.productId) ? -1 : 1,
    );
    const wIds = keys.map((e) => e.warehouseId);
    const pIds = keys.map((e) => e.productId);
    await manager.query(
      `INSERT INTO stock_level (warehouse_id, product_id)
       SELECT * FROM unnest($1::uuid[], $2::uuid[]) ON CONFLICT DO NOTHING`,
      [wIds, pIds],
    );
    const locked: LockedLevel[] = await manager.query(
      `SELECT warehouse_id, product_id, on_hand, reserved, version FROM stock_level
        WHERE (warehouse_id, product_id) IN (SELECT * FROM unnest($1::uuid[], $2::uuid[]))
        ORDER BY warehouse_id, product_id FOR UPDATE`,
      [wIds, pIds],
    );
    const levels = new Map(locked.map((l) => [key(l.warehouse_id, l.product_id), { ...l }]));
    const availableBefore = new Map(locked.map((l) => [key(l.warehouse_id, l.product_id), l.on_hand - l.reserved]));
    // Per level, the part of the change in available that each store's orders caused (delta sync skips it).
    const storeDeltas = new Map<string, Record<string, number>>();
    const movements: { entry: LedgerEntry; onHandAfter: number }[] = [];
    const sources = new Map<string, string | null>();

    for (const entry of entries) {
      const k = key(entry.warehouseId, entry.productId);
      const level = levels.get(k);
      if (!level) {
        // The insert and lock above cover every key: a miss is a bug here, not bad input.
        throw DomainException.conflict(`Stock level of ${entry.sku} could not be locked; try again`, entry.field);
      }
      level.on_hand += entry.onHandDelta;
      level.reserved += entry.reservedDelta;
      if (level.on_hand < 0) {
        const had = level.on_hand - entry.onHandDelta;
        throw DomainException.conflict(
          `Not enough stock of ${entry.sku}: ${had} on hand, the movement takes ${-entry.onHandDelta}`,
          entry.field,
        );
      }
      if (level.reserved < 0) {
        throw DomainException.conflict(
          `Cannot release more of ${entry.sku} than is reserved (${level.reserved - entry.reservedDelta})`,
          entry.field,
        );
      }
      if (entry.onHandDelta !== 0) {
        movements.push({ entry, onHandAfter: level.on_hand });
      }
      // A level changed only by one store's orders carries that store; anything else carries none.
      const source = entry.sourceStoreId ?? null;
      sources.set(k, sources.has(k) && sources.get(k) !== source ? null : source);
      if (source) {
        const byStore = storeDeltas.get(k) ?? {};
        byStore[source] = (byStore[source] ?? 0) + entry.onHandDelta - entry.reservedDelta;
        storeDeltas.set(k, byStore);
      }
    }

    // TypeORM answers an UPDATE with [rows, rowCount].
    const [updated] = await manager.query<[LockedLevel[], number]>(
      `UPDATE stock_level s SET on_hand = v.on_hand, reserved = v.reserved, version = s.version + 1, updated_at = now()
         FROM unnest($1::uuid[], $2::uuid[], $3::int[], $4::int[]) AS v(warehouse_id, product_id, on_hand, reserved)
        WHERE s.warehouse_id = v.warehouse_id AND s.product_id = v.product_id
        RETURNING s.warehouse_id, s.product_id, s.on_hand, s.reserved, s.version`,
      [
        wIds,
        pIds,
        keys.map((e) => levels.get(key(e.warehouseId, e.productId))?.on_hand),
        keys.map((e) => levels.get(key(e.warehouseId, e.productId))?.reserved),
      ],
    );

    if (movements.length > 0) {
      await manager.query(
        `INSERT INTO stock_movement (type, product_id, warehouse_id, quantity, on_hand_after, reference, transfer_id, order_id, source_store_id)
         SELECT * FROM unnest($1::movement_type[], $2::uuid[], $3::uuid[], $4::int[], $5::int[], $6::text[], $7::uuid[], $8::uuid[], $9::uuid[])`,
        [
          movements.map((m) => m.entry.type ?? MovementType.ADJUSTMENT),
          movements.map((m) => m.entry.productId),
          movements.map((m) => m.entry.warehouseId),
          movements.map((m) => m.entry.onHandDelta),
          movements.map((m) => m.onHandAfter),
          movements.map((m) => m.entry.reference ?? null),
          movements.map((m) => m.entry.transferId ?? null),
          movements.map((m) => m.entry.orderId ?? null),
          movements.map((m) => m.entry.sourceStoreId ?? null),
        ],
      );
    }

    await this.recordStoreEffects(manager, updated, storeDeltas);

    const skus = new Map(entries.map((e) => [e.productId, e.sku]));
    const snapshots = updated.map<LevelSnapshot>((l) => ({
      warehouseId: l.warehouse_id,
      productId: l.product_id,
      sku: skus.get(l.product_id) ?? '',
      onHand: l.on_hand,
      reserved: l.reserved,
      available: l.on_hand - l.reserved,
      version: String(l.version),
    }));
    await this.outbox.append(
      manager,
      snapshots.map((s) => ({
        topic: OutboxTopic.STOCK_CHANGED,
        aggregateKey: key(s.warehouseId, s.productId),
        payload: {
          ...s,
          availableBefore: availableBefore.get(key(s.warehouseId, s.productId)) ?? 0,
          sourceStoreId: sources.get(key(s.warehouseId, s.productId)) ?? null,
          storeDeltas: storeDeltas.get(key(s.warehouseId, s.productId)) ?? {},
        } satisfies StockChangedPayload,
      })),
    );
    return snapshots;
  }

  // Kept with the ledger for as long as a store may wait to sync: delta mode subtracts a store's own orders from
  // the change it sends to that store, however late it sends it.
  private async recordStoreEffects(
    manager: EntityManager,
    updated: LockedLevel[],
    storeDeltas: Map<string, Record<string, number>>,
  ): Promise<void> {
    const rows = updated.flatMap((l) =>
      Object.entries(storeDeltas.get(key(l.warehouse_id, l.product_id)) ?? {})
        .filter(([, delta]) => delta !== 0)
        .map(([storeId, delta]) => ({ level: l, storeId, delta })),
    );
    if (rows.length === 0) {
      return;
    }
    await manager.query(
      `INSERT INTO stock_store_effect (warehouse_id, product_id, version, store_id, available_delta)
       SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::bigint[], $4::uuid[], $5::int[])`,
      [
        rows.map((r) => r.level.warehouse_id),
        rows.map((r) => r.level.product_id),
        rows.map((r) => r.level.version),
        rows.map((r) => r.storeId),
        rows.map((r) => r.delta),
      ],
    );
  }
}
