import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DomainException, OutboxTopic, OutboxWriter, type FieldError } from '@gantry/core';
import { DataSource } from 'typeorm';
import { OutboundOrder } from '../order/outbound-order.entity';
import { MovementType } from '../stock/movement-type.enum';
import { StockLedgerService, type LedgerEntry } from '../stock/stock-ledger.service';
import { CustomerReturn, type ReturnLineRecord } from './customer-return.entity';
import { ReturnStatus } from './return-status.enum';

export interface NewReturn {
  orderId?: string | null;
  warehouseId?: string | null;
  storeId?: string | null;
  externalId?: string | null;
  reason?: string | null;
  lines: { sku: string; quantity: number; externalLineId?: string | null }[];
}

/** Returns are opened (by a channel or the API) and received; restocked lines book a receipt. */
@Injectable()
export class ReturnService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly ledger: StockLedgerService,
    private readonly outbox: OutboxWriter,
  ) {}

  list(filter: { storeId?: string; status?: ReturnStatus }): Promise<CustomerReturn[]> {
    return this.dataSource.manager.find(CustomerReturn, {
      where: { ...(filter.storeId ? { storeId: filter.storeId } : {}), ...(filter.status ? { status: filter.status } : {}) },
      order: { createdAt: 'DESC' },
      take: 500,
    });
  }

  async get(id: string): Promise<CustomerReturn> {
    const found = await this.dataSource.manager.findOneBy(CustomerReturn, { id });
    if (!found) {
      throw DomainException.notFound(`No return ${id}`);
    }
    return found;
  }

  async open(input: NewReturn): Promise<CustomerReturn> {
    return this.dataSource.transaction(async (manager) => {
      const order = input.orderId
        ? await manager.findOne(OutboundOrder, { where: { id: input.orderId }, relations: { lines: true } })
        : null;
      if (input.orderId && !order) {
        throw DomainException.notFound(`No order ${input.orderId}`, 'orderId');
      }
      const warehouseId = order?.warehouseId ?? input.warehouseId;
      if (!warehouseId) {
        throw DomainException.invalid('A return needs an order or a warehouse', [
          { field: 'warehouseId', message: 'warehouseId is required without orderId' },
        ]);
      }
      const warehouse: unknown[] = await manager.query(`SELECT 1 FROM warehouse WHERE id = $1`, [warehouseId]);
      if (warehouse.length === 0) {
        throw DomainException.notFound(`No warehouse ${warehouseId}`, 'warehouseId');
      }
      const products: { id: string; sku: string }[] = await manager.query(`SELECT id, sku FROM product WHERE sku = ANY($1::text[])`, [
        input.lines.map((l) => l.sku),
      ]);
      const bySku = new Map(products.map((p) => [p.sku, p.id]));
      const errors: FieldError[] = [];
      const lines = input.lines.map((l, i): ReturnLineRecord => {
        const orderLine = order?.lines.find((ol) => ol.sku === l.sku || (l.externalLineId && ol.externalLineId === l.externalLineId));
        if (!bySku.has(l.sku)) {
          errors.push({ field: `lines[${i}].sku`, message: `no product with SKU ${l.sku}` });
        } else if (order && !orderLine) {
          errors.push({ field: `lines[${i}].sku`, message: `order ${order.id} has no line with SKU ${l.sku}` });
        }
        return {
          sku: l.sku,
          productId: bySku.get(l.sku) ?? '',
          quantity: l.quantity,
          receivedQuantity: 0,
          restockedQuantity: 0,
          orderLineId: orderLine?.id ?? null,
          externalLineId: l.externalLineId ?? orderLine?.externalLineId ?? null,
        };
      });
      if (errors.length > 0) {
        throw DomainException.invalid(errors.map((e) => e.message).join('; '), errors);
      }
      return manager.save(
        manager.create(CustomerReturn, {
          orderId: order?.id ?? null,
          storeId: input.storeId ?? order?.storeId ?? null,
          externalId: input.externalId ?? null,
          warehouseId,
          reason: input.reason ?? null,
          status: ReturnStatus.OPEN,
          lines,
        }),
      );
    });
  }

  async receive(id: string, received: { sku: string; quantity: number; restock: boolean }[]): Promise<CustomerReturn> {
    return this.dataSource.transaction(async (manager) => {
      const locked: unknown[] = await manager.query(`SELECT id FROM customer_return WHERE id = $1 FOR UPDATE`, [id]);
      if (locked.length === 0) {
        throw DomainException.notFound(`No return ${id}`);
      }
      const ret = await manager.findOneByOrFail(CustomerReturn, { id });
      const errors: FieldError[] = [];
      const entries: LedgerEntry[] = [];
      received.forEach((r, i) => {
        const line = ret.lines.find((l) => l.sku === r.sku && l.quantity - l.receivedQuantity >= r.quantity);
        if (!line) {
          const any = ret.lines.find((l) => l.sku === r.sku);
          errors.push({
            field: `lines[${i}].${any ? 'quantity' : 'sku'}`,
            message: any
              ? `only ${any.quantity - any.receivedQuantity} of ${r.sku} still expected`
              : `return has no line with SKU ${r.sku}`,
          });
          return;
        }
        line.receivedQuantity += r.quantity;
        if (r.restock) {
          line.restockedQuantity += r.quantity;
          entries.push({
            warehouseId: ret.warehouseId,
            productId: line.productId,
            sku: line.sku,
            onHandDelta: r.quantity,
            reservedDelta: 0,
            type: MovementType.RECEIPT,
            reference: `return ${ret.id}`,
            orderId: ret.orderId,
          });
        }
      });
      if (errors.length > 0) {
        const detail = errors.map((e) => e.message).join('; ');
        throw errors.some((e) => e.field.endsWith('.sku'))
          ? DomainException.invalid(detail, errors)
          : DomainException.conflict(detail, undefined, errors);
      }
      await this.ledger.apply(manager, entries);
      ret.status = ret.lines.every((l) => l.receivedQuantity >= l.quantity) ? ReturnStatus.RECEIVED : ReturnStatus.PARTIALLY_RECEIVED;
      await manager.update(CustomerReturn, { id }, { lines: ret.lines, status: ret.status });
      await this.outbox.append(manager, [
        {
          topic: OutboxTopic.RETURN_RECEIVED,
          aggregateKey: `return/${id}`,
          payload: { returnId: id, orderId: ret.orderId, storeId: ret.storeId },
        },
      ]);
      return manager.findOneByOrFail(CustomerReturn, { id });
    });
  }
}
