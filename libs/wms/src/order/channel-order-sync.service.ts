import { Injectable } from '@nestjs/common';
import { DomainException, type WarehouseOrderCancel, type WarehouseOrderDraft, type WarehouseOrderSync } from '@gantry/core';
import type { EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { OrderLine } from './order-line.entity';
import { describeLineChanges, diffOrderLines, reservationFor, sameJson } from './order-line.diff';
import { checkOrderReferences } from './order-references';
import { OrderReservationService } from './order-reservation.service';
import { hasShipped, statusOf } from './order-state';
import { OrderStatus } from './order-status.enum';
import { OutboundOrder } from './outbound-order.entity';

/**
 * Brings a channel order's warehouse order to the state the core wants, in the caller's transaction (never one of its
 * own): the core commits the order together with its own bookkeeping, or neither.
 */
@Injectable()
export class ChannelOrderSyncService {
  constructor(private readonly reservations: OrderReservationService) {}

  /**
   * orderId null: finds the order an earlier attempt created for (store, external id, warehouse, shipping process) and
   * brings it to the draft like any other, or creates it ('created'). Otherwise: a cancelled order is 'locked'; lines
   * that differ while anything is shipped are 'locked' (nothing changes); no difference is 'unchanged'; else 'updated'.
   */
  async sync(manager: EntityManager, draft: WarehouseOrderDraft, orderId: string | null): Promise<WarehouseOrderSync> {
    checkDraft(draft);
    let id = orderId;
    if (id === null) {
      // Serialises attempts at the same channel order (the same key as OrderService.create).
      await manager.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`order:${draft.storeId}:${draft.externalId}`]);
      id = await this.findExisting(manager, draft);
      if (id === null) {
        return { orderId: await this.create(manager, draft), outcome: 'created' };
      }
    }
    return this.update(manager, draft, id);
  }

  /** 'already-cancelled', 'conflict' when anything is shipped (nothing changes), else releases and cancels. */
  async cancel(manager: EntityManager, orderId: string): Promise<WarehouseOrderCancel> {
    const order = await this.reservations.lock(manager, orderId);
    if (order.status === OrderStatus.CANCELLED) {
      return { orderId, outcome: 'already-cancelled' };
    }
    if (hasShipped(order)) {
      const shipped = order.lines.filter((l) => l.shippedQuantity > 0).map((l) => `${l.shippedQuantity} × ${l.sku}`);
      return {
        orderId,
        outcome: 'conflict',
        reason: `Order ${name(order)} is ${order.status} (${shipped.join(', ') || 'shipped'} left the warehouse); it cannot be cancelled`,
      };
    }
    await this.reservations.cancel(manager, order);
    return { orderId, outcome: 'cancelled' };
  }

  /** needs_attention with the reason; a cancelled or shipped order keeps its status and only records the reason. */
  async hold(manager: EntityManager, orderId: string, reason: string): Promise<void> {
    const order = await this.reservations.lock(manager, orderId);
    const status = order.status === OrderStatus.CANCELLED ? order.status : statusOf(order.lines, true);
    await manager.update(OutboundOrder, { id: orderId }, { status, holdReason: reason });
  }

  private async findExisting(manager: EntityManager, draft: WarehouseOrderDraft): Promise<string | null> {
    const rows: { id: string }[] = await manager.query(
      `SELECT id FROM outbound_order
        WHERE store_id = $1 AND external_id = $2 AND warehouse_id = $3 AND shipping_process_id IS NOT DISTINCT FROM $4`,
      [draft.storeId, draft.externalId, draft.warehouseId, draft.shippingProcessId],
    );
    return rows[0]?.id ?? null;
  }

  private async create(manager: EntityManager, draft: WarehouseOrderDraft): Promise<string> {
    await checkOrderReferences(manager, draft.warehouseId, draft.shippingProcessId);
    const order = await manager.save(
      manager.create(OutboundOrder, {
        warehouseId: draft.warehouseId,
        shippingProcessId: draft.shippingProcessId,
        reference: null,
        storeId: draft.storeId,
        externalId: draft.externalId,
        externalNumber: draft.externalNumber,
        shippingAddress: draft.shippingAddress,
        channelAllocationIds: draft.channelAllocationIds,
        holdReason: draft.holdReason,
        status: draft.holdReason === null ? OrderStatus.OPEN : OrderStatus.NEEDS_ATTENTION,
        lines: draft.lines.map((l) =>
          manager.create(OrderLine, {
            externalLineId: l.externalLineId,
            sku: l.sku,
            productId: l.productId,
            quantity: l.quantity,
            reservedQuantity: reservationFor(l.productId, l.quantity, 0),
            problem: l.problem,
          }),
        ),
      }),
    );
    await this.reservations.reserveLines(manager, order);
    return order.id;
  }

  private async update(manager: EntityManager, draft: WarehouseOrderDraft, id: string): Promise<WarehouseOrderSync> {
    const order = await this.reservations.lock(manager, id);
    if (order.storeId !== draft.storeId || order.externalId !== draft.externalId) {
      throw DomainException.conflict(`Order ${id} is not the warehouse order of ${draft.externalId} of store ${draft.storeId}`);
    }
    if (order.warehouseId !== draft.warehouseId || order.shippingProcessId !== draft.shippingProcessId) {
      return {
        orderId: id,
        outcome: 'locked',
        reason: `Order ${name(order)} ships from warehouse ${order.warehouseId} (shipping process ${order.shippingProcessId ?? 'none'}); it cannot move to warehouse ${draft.warehouseId} (shipping process ${draft.shippingProcessId ?? 'none'})`,
      };
    }
    if (order.status === OrderStatus.CANCELLED) {
      return { orderId: id, outcome: 'locked', reason: `Order ${name(order)} is cancelled in the warehouse; it cannot change` };
    }
    const diff = diffOrderLines(order.lines, draft.lines);
    if (diff.changes.length > 0 && hasShipped(order)) {
      return {
        orderId: id,
        outcome: 'locked',
        reason: `Order ${name(order)} is ${order.status === OrderStatus.SHIPPED ? 'shipped' : 'partially shipped'}; its lines cannot change: ${describeLineChanges(diff.changes)}`,
      };
    }

    const lines = order.lines.map((l) => ({ ...l, ...diff.updates.find((u) => u.id === l.id) }));
    const status = statusOf([...lines, ...diff.inserts.map((l) => ({ ...l, shippedQuantity: 0 }))], draft.holdReason !== null);
    const header: Pick<OutboundOrder, 'status' | 'holdReason' | 'externalNumber' | 'shippingAddress' | 'channelAllocationIds'> = {
      status,
      holdReason: draft.holdReason,
      externalNumber: draft.externalNumber,
      // A redacted order keeps its redacted address: a later change from the channel must not bring the person back.
      shippingAddress: order.redactedAt ? order.shippingAddress : draft.shippingAddress,
      channelAllocationIds: draft.channelAllocationIds,
    };
    const headerSame =
      order.status === header.status &&
      order.holdReason === header.holdReason &&
      order.externalNumber === header.externalNumber &&
      sameJson(order.shippingAddress, header.shippingAddress) &&
      sameJson(order.channelAllocationIds, header.channelAllocationIds);
    if (headerSame && diff.inserts.length === 0 && diff.updates.length === 0) {
      return { orderId: id, outcome: 'unchanged' };
    }

    for (const u of diff.updates) {
      await manager.update(
        OrderLine,
        { id: u.id },
        { sku: u.sku, productId: u.productId, quantity: u.quantity, reservedQuantity: u.reservedQuantity, problem: u.problem },
      );
    }
    if (diff.inserts.length > 0) {
      await manager.insert(
        OrderLine,
        diff.inserts.map((l) => ({ ...l, orderId: id })),
      );
    }
    await this.reservations.move(manager, order, diff.moves);
    // TypeORM's deep partial type does not take a jsonb record; the column serialises it.
    await manager.update(OutboundOrder, { id }, header as QueryDeepPartialEntity<OutboundOrder>);
    return { orderId: id, outcome: 'updated' };
  }
}

/** A draft the core should never send: refused before anything changes. */
function checkDraft(draft: WarehouseOrderDraft): void {
  const ids = new Set<string>();
  for (const line of draft.lines) {
    if (ids.has(line.externalLineId)) {
      throw DomainException.invalid(`Order ${draft.externalId} has line ${line.externalLineId} twice`);
    }
    ids.add(line.externalLineId);
    if (!Number.isInteger(line.quantity) || line.quantity < 0) {
      throw DomainException.invalid(`Line ${line.externalLineId} of order ${draft.externalId} has quantity ${line.quantity}`);
    }
  }
}

function name(order: OutboundOrder): string {
  return order.externalNumber ?? order.externalId ?? order.id;
}
