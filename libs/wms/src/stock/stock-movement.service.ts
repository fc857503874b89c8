import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DomainException, type FieldError } from '@gantry/core';
import { DataSource, type EntityManager } from 'typeorm';
import type { StockMovementDto } from './dtos/stock-movement.dto';
import { MovementType } from './movement-type.enum';
import { StockLedgerService, type LedgerEntry, type LevelSnapshot } from './stock-ledger.service';

/** How errors name a field of the movement at `index`: as the request body does (`movements[2].sku`, or `sku` alone). */
export type MovementFieldPath = (index: number, field: string) => string;

/** The fields of a batch's movements: `movements[2].sku`. */
export const BATCH_MOVEMENT_PATH: MovementFieldPath = (index, field) => `movements[${index}].${field}`;

/** The fields of a single movement, posted as the body itself: `sku`. */
export const SINGLE_MOVEMENT_PATH: MovementFieldPath = (_index, field) => field;

/** Turns posted movements (receipt, pick, adjustment, transfer) into ledger entries, all or nothing. */
@Injectable()
export class StockMovementService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly ledger: StockLedgerService,
  ) {}

  async record(movements: StockMovementDto[], pathOf: MovementFieldPath = BATCH_MOVEMENT_PATH): Promise<LevelSnapshot[]> {
    this.checkSigns(movements, pathOf);
    return this.dataSource.transaction(async (manager) => {
      const entries = await this.toEntries(manager, movements, pathOf);
      return this.ledger.apply(manager, entries);
    });
  }

  private checkSigns(movements: StockMovementDto[], pathOf: MovementFieldPath): void {
    const errors: FieldError[] = [];
    movements.forEach((m, i) => {
      if (m.type !== MovementType.ADJUSTMENT && m.quantity <= 0) {
        errors.push({ field: pathOf(i, 'quantity'), message: `quantity must be positive for a ${m.type}` });
      }
      if (m.type === MovementType.TRANSFER && m.toWarehouseId === m.warehouseId) {
        errors.push({ field: pathOf(i, 'toWarehouseId'), message: 'a transfer needs two different warehouses' });
      }
      if (m.type !== MovementType.TRANSFER && m.toWarehouseId !== undefined) {
        errors.push({ field: pathOf(i, 'toWarehouseId'), message: 'toWarehouseId is only for transfers' });
      }
    });
    if (errors.length > 0) {
      throw DomainException.invalid('Invalid stock movements', errors);
    }
  }

  private async toEntries(manager: EntityManager, movements: StockMovementDto[], pathOf: MovementFieldPath): Promise<LedgerEntry[]> {
    const skus = [...new Set(movements.map((m) => m.sku))];
    const products: { id: string; sku: string }[] = await manager.query(`SELECT id, sku FROM product WHERE sku = ANY($1::text[])`, [skus]);
    const productBySku = new Map(products.map((p) => [p.sku, p.id]));
    const warehouseIds = [...new Set(movements.flatMap((m) => (m.toWarehouseId ? [m.warehouseId, m.toWarehouseId] : [m.warehouseId])))];
    const warehouses: { id: string }[] = await manager.query(`SELECT id FROM warehouse WHERE id = ANY($1::uuid[])`, [warehouseIds]);
    const knownWarehouses = new Set(warehouses.map((w) => w.id));

    const missing: FieldError[] = [];
    movements.forEach((m, i) => {
      if (!productBySku.has(m.sku)) {
        missing.push({ field: pathOf(i, 'sku'), message: `no product with SKU ${m.sku}` });
      }
      if (!knownWarehouses.has(m.warehouseId)) {
        missing.push({ field: pathOf(i, 'warehouseId'), message: `no warehouse ${m.warehouseId}` });
      }
      if (m.toWarehouseId && !knownWarehouses.has(m.toWarehouseId)) {
        missing.push({ field: pathOf(i, 'toWarehouseId'), message: `no warehouse ${m.toWarehouseId}` });
      }
    });
    if (missing.length > 0) {
      throw DomainException.notFound(missing.map((e) => e.message).join('; '), undefined, missing);
    }

    return movements.flatMap((m, i): LedgerEntry[] => {
      const productId = productBySku.get(m.sku) as string;
      const base = {
        productId,
        sku: m.sku,
        reservedDelta: 0,
        type: m.type,
        reference: m.reference ?? null,
        field: pathOf(i, 'quantity'),
      };
      switch (m.type) {
        case MovementType.RECEIPT:
          return [{ ...base, warehouseId: m.warehouseId, onHandDelta: m.quantity }];
        case MovementType.PICK:
          return [{ ...base, warehouseId: m.warehouseId, onHandDelta: -m.quantity }];
        case MovementType.ADJUSTMENT:
          return [{ ...base, warehouseId: m.warehouseId, onHandDelta: m.quantity }];
        case MovementType.TRANSFER: {
          const transferId = randomUUID();
          return [
            { ...base, warehouseId: m.warehouseId, onHandDelta: -m.quantity, transferId },
            { ...base, warehouseId: m.toWarehouseId as string, onHandDelta: m.quantity, transferId },
          ];
        }
      }
    });
  }
}
