import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DomainException, type FieldError } from '@gantry/core';
import { DataSource, type EntityManager } from 'typeorm';
import type { StockMovementDto } from './dtos/stock-movement.dto';
import { MovementType } from './movement-type.enum';
import { StockLedgerService, type LedgerEntry, type LevelSnapshot } from './stock-ledger.service';

/** Turns posted movements (receipt, pick, adjustment, transfer) into ledger entries, all or nothing. */
@Injectable()
export class StockMovementService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly ledger: StockLedgerService,
  ) {}

  async record(movements: StockMovementDto[], fieldPrefix = 'movements'): Promise<LevelSnapshot[]> {
    this.checkSigns(movements, fieldPrefix);
    return this.dataSource.transaction(async (manager) => {
      const entries = await this.toEntries(manager, movements, fieldPrefix);
      return this.ledger.apply(manager, entries);
    });
  }

  private checkSigns(movements: StockMovementDto[], prefix: string): void {
    const errors: FieldError[] = [];
    movements.forEach((m, i) => {
      if (m.type !== MovementType.ADJUSTMENT && m.quantity <= 0) {
        errors.push({ field: `${prefix}[${i}].quantity`, message: `quantity must be positive for a ${m.type}` });
      }
      if (m.type === MovementType.TRANSFER && m.toWarehouseId === m.warehouseId) {
        errors.push({ field: `${prefix}[${i}].toWarehouseId`, message: 'a transfer needs two different warehouses' });
      }
      if (m.type !== MovementType.TRANSFER && m.toWarehouseId !== undefined) {
        errors.push({ field: `${prefix}[${i}].toWarehouseId`, message: 'toWarehouseId is only for transfers' });
      }
    });
    if (errors.length > 0) {
      throw DomainException.invalid('Invalid stock movements', errors);
    }
  }

  private async toEntries(manager: EntityManager, movements: StockMovementDto[], prefix: string): Promise<LedgerEntry[]> {
    const skus = [...new Set(movements.map((m) => m.sku))];
    const products: { id: string; sku: string }[] = await manager.query(`SELECT id, sku FROM product WHERE sku = ANY($1::text[])`, [skus]);
    const productBySku = new Map(products.map((p) => [p.sku, p.id]));
    const warehouseIds = [...new Set(movements.flatMap((m) => (m.toWarehouseId ? [m.warehouseId, m.toWarehouseId] : [m.warehouseId])))];
    const warehouses: { id: string }[] = await manager.query(`SELECT id FROM warehouse WHERE id = ANY($1::uuid[])`, [warehouseIds]);
    const knownWarehouses = new Set(warehouses.map((w) => w.id));

    const missing: FieldError[] = [];
    movements.forEach((m, i) => {
      if (!productBySku.has(m.sku)) {
        missing.push({ field: `${prefix}[${i}].sku`, message: `no product with SKU ${m.sku}` });
      }
      if (!knownWarehouses.has(m.warehouseId)) {
        missing.push({ field: `${prefix}[${i}].warehouseId`, message: `no warehouse ${m.warehouseId}` });
      }
      if (m.toWarehouseId && !knownWarehouses.has(m.toWarehouseId)) {
        missing.push({ field: `${prefix}[${i}].toWarehouseId`, message: `no warehouse ${m.toWarehouseId}` });
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
        field: `${prefix}[${i}].quantity`,
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
