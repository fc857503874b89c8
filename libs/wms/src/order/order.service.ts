import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DomainException, type FieldError } from '@gantry/core';
import { DataSource, In, IsNull, type EntityManager } from 'typeorm';
import { OrderLine } from './order-line.entity';
import { checkOrderReferences } from './order-references';
import { OrderReservationService } from './order-reservation.service';
import { containsPattern, lineSearchText, orderSearchText } from './order-search';
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
  /** Text to find in the number, reference, channel id, hold reason, or a line's SKU or problem. */
  q?: string;
  limit?: number;
}

/** Creates orders with their reservations, and cancels them, each in one transaction. */
@Injectable()
export class OrderService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly reservations: OrderReservationService,
  ) {}

  /** Idempotent for channel orders: the same (store, external id, warehouse, shipping process) returns the existing order. */
  async create(input: NewOrder): Promise<{ order: OutboundOrder; created: boolean }> {
    return this.dataSource.transaction(async (manager) => {
      if (input.storeId && input.externalId) {
        // Serialises concurrent deliveries of the same channel order.
        await manager.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`order:${input.storeId}:${input.externalId}`]);
        const existing = await manager.findOne(OutboundOrder, {
          where: {
            storeId: input.storeId,
            externalId: input.externalId,
            warehouseId: input.warehouseId,
            shippingProcessId: input.shippingProcessId ?? IsNull(),
          },
          relations: { lines: true },
        });
        if (existing) {
          return { order: existing, created: false };
        }
      }
      await checkOrderReferences(manager, input.warehouseId, input.shippingProcessId ?? null);
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
          holdReason: null,
          channelAllocationIds: [],
          lines: input.lines.map((l) =>
            manager.create(OrderLine, {
              productId: bySku.get(l.sku),
              sku: l.sku,
              quantity: l.quantity,
              reservedQuantity: l.quantity,
              externalLineId: l.externalLineId ?? null,
              problem: null,
            }),
          ),
        }),
      );
      await this.reservations.reserveLines(manager, order);
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

  /**
   * Newest first: the ids in one index-ordered query (stops at the limit), then those orders with their lines. A search
   * finds its candidates through the trigram indexes (see order-search.ts), orders and lines alike.
   */
  async list(filter: OrderFilter): Promise<OutboundOrder[]> {
    const ids = this.dataSource.manager
      .createQueryBuilder(OutboundOrder, 'o')
      .select('o.id', 'id')
      .where({ ...(filter.storeId ? { storeId: filter.storeId } : {}), ...(filter.status ? { status: filter.status } : {}) })
      .orderBy('o.createdAt', 'DESC')
      .addOrderBy('o.id', 'DESC')
      .limit(filter.limit ?? 100);
    if (filter.q) {
      ids.andWhere(
        `o.id IN (SELECT s.id FROM outbound_order s WHERE ${orderSearchText('s')} ILIKE :pattern
                  UNION SELECT l.order_id FROM order_line l WHERE ${lineSearchText('l')} ILIKE :pattern)`,
        { pattern: containsPattern(filter.q) },
      );
    }
    const found = await ids.getRawMany<{ id: string }>();
    if (found.length === 0) {
      return [];
    }
    return this.dataSource.manager.find(OutboundOrder, {
      where: { id: In(found.map((r) => r.id)) },
      relations: { lines: true },
      order: { createdAt: 'DESC', id: 'DESC' },
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
      await this.reservations.cancel(manager, order);
      return this.lock(manager, id);
    });
  }

  /** Loads and row-locks an order with its lines, for changes that must not interleave. */
  lock(manager: EntityManager, id: string): Promise<OutboundOrder> {
    return this.reservations.lock(manager, id);
  }
}
