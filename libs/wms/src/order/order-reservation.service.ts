import { Injectable } from '@nestjs/common';
import { DomainException, OutboxTopic, OutboxWriter } from '@gantry/core';
import type { EntityManager } from 'typeorm';
import { StockLedgerService } from '../stock/stock-ledger.service';
import { OrderLine } from './order-line.entity';
import type { ReservationMove } from './order-line.diff';
import { OrderStatus } from './order-status.enum';
import { OutboundOrder } from './outbound-order.entity';

/**
 * The one place where orders move their reservations, in the caller's transaction: every move goes through the
 * stock ledger with the order's id and its store, so a store's own orders are recorded as its own (stock_store_effect).
 */
@Injectable()
export class OrderReservationService {
  constructor(
    private readonly ledger: StockLedgerService,
    private readonly outbox: OutboxWriter,
  ) {}

  /** Loads and row-locks an order with its lines, for changes that must not interleave. */
  async lock(manager: EntityManager, id: string): Promise<OutboundOrder> {
    const locked: unknown[] = await manager.query(`SELECT id FROM outbound_order WHERE id = $1 FOR UPDATE`, [id]);
    if (locked.length === 0) {
      throw DomainException.notFound(`No order ${id}`);
    }
    return manager.findOneOrFail(OutboundOrder, { where: { id }, relations: { lines: true }, order: { lines: { sku: 'ASC' } } });
  }

  /**
   * Moves the order's reservations on its warehouse's levels. The whole quantity is reserved even beyond what is on
   * hand: the sale happened, available may go negative. Lines without a product never reserve (callers leave them out).
   */
  async move(
    manager: EntityManager,
    order: Pick<OutboundOrder, 'id' | 'warehouseId' | 'storeId'>,
    moves: ReservationMove[],
  ): Promise<void> {
    await this.ledger.apply(
      manager,
      moves
        .filter((m) => m.reservedDelta !== 0)
        .map((m) => ({
          warehouseId: order.warehouseId,
          productId: m.productId,
          sku: m.sku,
          onHandDelta: 0,
          reservedDelta: m.reservedDelta,
          orderId: order.id,
          sourceStoreId: order.storeId,
        })),
    );
  }

  /** Reserves what each line holds (its reservedQuantity), for a new order. */
  reserveLines(manager: EntityManager, order: OutboundOrder): Promise<void> {
    return this.move(
      manager,
      order,
      order.lines.flatMap((l) => (l.productId === null ? [] : [{ productId: l.productId, sku: l.sku, reservedDelta: l.reservedQuantity }])),
    );
  }

  /** Releases what is still reserved (shipped lines stay shipped), marks the order cancelled and says so in the outbox. */
  async cancel(manager: EntityManager, order: OutboundOrder): Promise<void> {
    await this.move(
      manager,
      order,
      order.lines.flatMap((l) =>
        l.productId === null ? [] : [{ productId: l.productId, sku: l.sku, reservedDelta: -l.reservedQuantity }],
      ),
    );
    await manager.update(OrderLine, { orderId: order.id }, { reservedQuantity: 0 });
    await manager.update(OutboundOrder, { id: order.id }, { status: OrderStatus.CANCELLED });
    await this.outbox.append(manager, [
      { topic: OutboxTopic.ORDER_CANCELLED, aggregateKey: `order/${order.id}`, payload: { orderId: order.id, storeId: order.storeId } },
    ]);
  }
}
