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

/** What arrived of one line: its SKU, or the channel's line when given. */
export interface ReturnReceiptLine {
  sku: string;
  quantity: number;
  restock: boolean;
  externalLineId?: string;
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

  async receive(id: string, received: ReturnReceiptLine[]): Promise<CustomerReturn> {
    return this.dataSource.transaction(async (manager) => {
      const locked: unknown[] = await manager.query(`SELECT id FROM customer_return WHERE id = $1 FOR UPDATE`, [id]);
      if (locked.length === 0) {
        throw DomainException.notFound(`No return ${id}`);
      }
      const ret = await manager.findOneByOrFail(CustomerReturn, { id });
      if (ret.status === ReturnStatus.CANCELLED) {
        throw DomainException.conflict(
          `Return ${ret.externalName ?? ret.externalId ?? ret.id} is cancelled (the channel withdrew it); nothing can be received into it`,
        );
      }
      // The channel puts these units back in its own stock as it records the disposal: delta sync must not send them too.
      const sourceStoreId = ret.storeId && ret.externalId && ret.channelRestocks ? ret.storeId : null;
      const errors: FieldError[] = [];
      const entries: LedgerEntry[] = [];
      received.forEach((r, i) => {
        const match = matchLine(ret.lines, r);
        if ('error' in match) {
          errors.push({ field: `lines[${i}].${match.error.field}`, message: match.error.message });
          return;
        }
        const { line } = match;
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
            sourceStoreId,
          });
        }
      });
      if (errors.length > 0) {
        const detail = errors.map((e) => e.message).join('; ');
        throw errors.some((e) => !e.field.endsWith('.quantity'))
          ? DomainException.invalid(detail, errors)
          : DomainException.conflict(detail, undefined, errors);
      }
      await this.ledger.apply(manager, entries);
      // A held return stays held: receiving goods does not settle why it needs a person.
      if (ret.status !== ReturnStatus.NEEDS_ATTENTION) {
        ret.status = ret.lines.every((l) => l.receivedQuantity >= l.quantity) ? ReturnStatus.RECEIVED : ReturnStatus.PARTIALLY_RECEIVED;
      }
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

/** The line a receipt goes to: the channel's line when given (its SKU must match), else a line of the SKU with room. */
function matchLine(lines: ReturnLineRecord[], r: ReturnReceiptLine): { line: ReturnLineRecord } | { error: FieldError } {
  if (r.externalLineId !== undefined) {
    const line = lines.find((l) => l.externalLineId === r.externalLineId);
    if (!line) {
      return { error: { field: 'externalLineId', message: `return has no line ${r.externalLineId}` } };
    }
    if (line.sku !== r.sku) {
      return { error: { field: 'sku', message: `line ${r.externalLineId} is SKU ${line.sku}, not ${r.sku}` } };
    }
    if (line.quantity - line.receivedQuantity < r.quantity) {
      const left = line.quantity - line.receivedQuantity;
      return { error: { field: 'quantity', message: `only ${left} of ${r.sku} still expected on line ${r.externalLineId}` } };
    }
    return { line };
  }
  const line = lines.find((l) => l.sku === r.sku && l.quantity - l.receivedQuantity >= r.quantity);
  if (line) {
    return { line };
  }
  const ofSku = lines.filter((l) => l.sku === r.sku);
  if (ofSku.length === 0) {
    return { error: { field: 'sku', message: `return has no line with SKU ${r.sku}` } };
  }
  const left = Math.max(...ofSku.map((l) => l.quantity - l.receivedQuantity));
  return { error: { field: 'quantity', message: `only ${left} of ${r.sku} still expected` } };
}
