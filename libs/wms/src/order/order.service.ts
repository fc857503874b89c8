import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DomainException, OutboxTopic, OutboxWriter, type FieldError } from '@gantry/core';
import { DataSource, type EntityManager } from 'typeorm';
import { StockLedgerService } from '../stock/stock-ledger.service';
import { OrderLine } from './order-line.entity';
import { OrderStatus } from './order-status.enum';
import { OutboundOrder } from './outbound-order.entity';

export interface NewOrderLine {
  sku: string;
  quantity: number;
  externalLineId?: string | null;
}

/** An order from the API or a channel; channel orders carry their store and external ids. */
export interface NewOrder {
  warehouseId: string;
  shippingProcessId?: string | null;
  reference?: string | null;
  storeId?: string | null;
  externalId?: string | null;
  externalNumber?: string | null;
  shippingAddress?: Record<string, unknown> | null;
  lines: NewOrderLine[];
}

export interface OrderFilter {
  storeId?: string;
  status?: OrderStatus;
  limit?: number;
}

/** Creates orders with their reservations, and cancels them, each in one transaction. */
@Injectable()
export class OrderService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly ledger: StockLedgerService,
    private readonly outbox: OutboxWriter,
  ) {}

  /** Idempotent for channel orders: the same (store, external id) returns the existing order. */
  async create(input: NewOrder): Promise<{ order: OutboundOrder; created: boolean }> {
    return this.dataSource.transaction(async (manager) => {
      if (input.storeId && input.externalId) {
        // Serialises concurrent deliveries of the same channel order.
        await manager.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`order:${input.storeId}:${input.externalId}`]);
        const existing = await manager.findOne(OutboundOrder, {
          where: { storeId: input.storeId, externalId: input.externalId },
          relations: { lines: true },
        });
        if (existing) {
          return { order: existing, created: false };
        }
      }
      await this.checkReferences(manager, input);
      const products: { id: string; sku: string }[] = await manager.query(`SELECT id, sku FROM product WHERE sku = ANY($1::text[])`, [
        input.lines.map((l) => l.sku),
      ]);
      const bySku = new Map(products.map((p) => [p.sku, p.id]));
      const unknown: FieldError[] = input.lines.flatMap((l, i) =>
        bySku.has(l.sku) ? [] : [{ field: `lines[${i}].sku`, message: `no product with SKU ${l.sku}` }],
      );
      if (unknown.length > 0) {
        throw DomainException.notFound(unknown.map((e) => e.message).join('; '), undefined, unknown);
      }
      const order = await manager.save(
        manager.create(OutboundOrder, {
          warehouseId: input.warehouseId,
          shippingProcessId: input.shippingProcessId ?? null,
          reference: input.reference ?? null,
          storeId: input.storeId ?? null,
          externalId: input.externalId ?? null,
          externalNumber: input.externalNumber ?? null,
          shippingAddress: input.shippingAddress ?? null,
          status: OrderStatus.OPEN,
          lines: input.lines.map((l) =>
            manager.create(OrderLine, {
              productId: bySku.get(l.sku),
              sku: l.sku,
              quantity: l.quantity,
              reservedQuantity: l.quantity,
              externalLineId: l.externalLineId ?? null,
            }),
          ),
        }),
      );
      // The whole quantity is reserved even beyond what is on hand: the sale happened, available may go negative.
      await this.ledger.apply(
        manager,
        order.lines.map((l) => ({
          warehouseId: order.warehouseId,
          productId: l.productId,
          sku: l.sku,
          onHandDelta: 0,
          reservedDelta: l.quantity,
          orderId: order.id,
          sourceStoreId: order.storeId,
        })),
      );
      return { order, created: true };
    });
  }

  async get(id: string): Promise<OutboundOrder> {
    const order = await this.dataSource.manager.findOne(OutboundOrder, { where: { id }, relations: { lines: true } });
    if (!order) {
      throw DomainException.notFound(`No order ${id}`);
    }
    return order;
  }

  list(filter: OrderFilter): Promise<OutboundOrder[]> {
    return this.dataSource.manager.find(OutboundOrder, {
      where: { ...(filter.storeId ? { storeId: filter.storeId } : {}), ...(filter.status ? { status: filter.status } : {}) },
      relations: { lines: true },
      order: { createdAt: 'DESC' },
      take: filter.limit ?? 100,
    });
  }

  /** Releases what is still reserved; shipped lines stay shipped. */
  async cancel(id: string): Promise<OutboundOrder> {
    return this.dataSource.transaction(async (manager) => {
      const order = await this.lock(manager, id);
      if (order.status === OrderStatus.CANCELLED) {
        return order;
      }
      if (order.status === OrderStatus.SHIPPED) {
        throw DomainException.conflict(`Order ${id} is already shipped`);
      }
      const held = order.lines.filter((l) => l.reservedQuantity > 0);
      await this.ledger.apply(
        manager,
        held.map((l) => ({
          warehouseId: order.warehouseId,
          productId: l.productId,
          sku: l.sku,
          onHandDelta: 0,
          reservedDelta: -l.reservedQuantity,
          orderId: order.id,
          sourceStoreId: order.storeId,
        })),
      );
      await manager.update(OrderLine, { orderId: id }, { reservedQuantity: 0 });
      await manager.update(OutboundOrder, { id }, { status: OrderStatus.CANCELLED });
      await this.outbox.append(manager, [
        { topic: OutboxTopic.ORDER_CANCELLED, aggregateKey: `order/${id}`, payload: { orderId: id, storeId: order.storeId } },
      ]);
      return this.lock(manager, id);
    });
  }

  /** Loads and row-locks an order with its lines, for changes that must not interleave. */
  async lock(manager: EntityManager, id: string): Promise<OutboundOrder> {
    const locked: unknown[] = await manager.query(`SELECT id FROM outbound_order WHERE id = $1 FOR UPDATE`, [id]);
    if (locked.length === 0) {
      throw DomainException.notFound(`No order ${id}`);
    }
    return manager.findOneOrFail(OutboundOrder, { where: { id }, relations: { lines: true }, order: { lines: { sku: 'ASC' } } });
  }

  private async checkReferences(manager: EntityManager, input: NewOrder): Promise<void> {
    const rows: { warehouse: boolean; process_ok: boolean | null }[] = await manager.query(
      `SELECT EXISTS (SELECT 1 FROM warehouse WHERE id = $1) AS warehouse,
              (SELECT warehouse_id = $1 FROM shipping_process WHERE id = $2) AS process_ok`,
      [input.warehouseId, input.shippingProcessId ?? null],
    );
    const { warehouse, process_ok } = rows[0] ?? { warehouse: false, process_ok: null };
    if (!warehouse) {
      throw DomainException.notFound(`No warehouse ${input.warehouseId}`, 'warehouseId');
    }
    if (input.shippingProcessId && process_ok === null) {
      throw DomainException.notFound(`No shipping process ${input.shippingProcessId}`, 'shippingProcessId');
    }
    if (input.shippingProcessId && process_ok === false) {
      throw DomainException.invalid('The shipping process belongs to another warehouse', [
        { field: 'shippingProcessId', message: `shipping process ${input.shippingProcessId} is not one of warehouse ${input.warehouseId}` },
      ]);
    }
  }
}
