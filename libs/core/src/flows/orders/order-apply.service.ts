import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { ChannelOrder, ChannelOrderRead } from '../../channel/channel-adapter.interface';
import type { ChannelLocationMapping } from '../../mapping/channel-location-mapping.service';
import { ChannelProductMappingService } from '../../mapping/channel-product-mapping.service';
import { WarehousePort } from '../../ports/warehouse.port';
import { SyncRunService, type SyncItemOutcome } from '../../sync-run/sync-run.service';
import { ChannelOrderRepository, type ChannelOrderState, type LockedOrder } from './channel-order.repository';
import type { OrderFilterSettings } from './order-import.settings';
import { planOrder, type OrderDraftPlan, type OrderPlan } from './order-plan.decision';

export interface OrderApplyInput {
  storeId: string;
  /** The sync run the decision is an item of, written in the decision's transaction. */
  runId: string;
  channelOrderId: string;
  /** The channel's current state when it was read for this decision. */
  read: ChannelOrderRead | null;
  mappings: ChannelLocationMapping[];
  filters: OrderFilterSettings;
}

interface Settled {
  state: ChannelOrderState;
  reason: string | null;
}

/**
 * Brings the warehouse to one channel order's newest state, in one transaction with the order's row locked: the
 * warehouse orders, their links and the decision commit together, so a crash repeats the whole decision and the
 * warehouse's unique channel ids make the repeat a no-op.
 */
@Injectable()
export class OrderApplyService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly orders: ChannelOrderRepository,
    private readonly products: ChannelProductMappingService,
    private readonly warehouse: WarehousePort,
    private readonly runs: SyncRunService,
  ) {}

  apply(input: OrderApplyInput): Promise<SyncItemOutcome> {
    return this.dataSource.transaction(async (manager) => {
      const row = await this.orders.lock(manager, input.channelOrderId);
      if (!row) {
        return { externalRef: input.channelOrderId, outcome: 'gone' };
      }
      const order = await this.newest(manager, row, input.read);
      const links = await this.orders.links(manager, row.id);
      const products = await this.productsOf(manager, input.storeId, order);
      const plan = planOrder({
        order,
        filters: input.filters,
        links,
        mappings: input.mappings,
        products,
        allocations: input.read?.allocations ?? null,
      });
      const settled = await this.execute(manager, row, order, plan);
      await this.orders.settle(manager, row.id, {
        ...settled,
        problems: plan.kind === 'sync' ? plan.problems : [],
        allocations: input.read?.allocations ?? null,
      });
      const item: SyncItemOutcome = {
        externalRef: order.externalNumber ?? order.externalId,
        outcome: settled.state,
        reason: settled.reason,
      };
      await this.runs.recordItems(input.runId, [item], manager);
      return item;
    });
  }

  private async newest(manager: EntityManager, row: LockedOrder, read: ChannelOrderRead | null): Promise<ChannelOrder> {
    if (read && Date.parse(read.order.updatedAt) >= Date.parse(row.snapshot.updatedAt)) {
      await this.orders.replaceSnapshot(manager, row.id, read.order);
      return read.order;
    }
    return row.snapshot;
  }

  private async productsOf(manager: EntityManager, storeId: string, order: ChannelOrder): Promise<Map<string, string | null>> {
    const found = await this.products.find(
      storeId,
      {
        externalIds: order.lines.flatMap((l) => (l.channelItemId ? [l.channelItemId] : [])),
        skus: order.lines.flatMap((l) => (l.sku ? [l.sku] : [])),
      },
      manager,
    );
    const byItem = new Map(found.map((m) => [m.externalId, m.productId]));
    const bySku = new Map(found.filter((m) => m.sku).map((m) => [m.sku as string, m.productId]));
    // The channel item first: a SKU can be renamed on the channel, the item it maps to cannot.
    return new Map(
      order.lines.map((l) => [
        l.externalLineId,
        (l.channelItemId ? byItem.get(l.channelItemId) : undefined) ?? (l.sku ? bySku.get(l.sku) : undefined) ?? null,
      ]),
    );
  }

  private async execute(manager: EntityManager, row: LockedOrder, order: ChannelOrder, plan: OrderPlan): Promise<Settled> {
    switch (plan.kind) {
      case 'skip':
        return { state: 'skipped', reason: plan.reason };
      case 'unroutable':
        return { state: 'held', reason: plan.reason };
      case 'cancel':
        return this.cancel(manager, plan.orderIds);
      case 'sync': {
        const reasons: string[] = [];
        for (const draft of plan.drafts) {
          const reason = await this.syncDraft(manager, row, order, draft, plan.holdReason);
          if (reason) {
            reasons.push(reason);
          }
        }
        if (plan.holdReason) {
          reasons.unshift(plan.holdReason);
        }
        return reasons.length > 0 ? { state: 'held', reason: reasons.join('; ') } : { state: 'imported', reason: null };
      }
    }
  }

  /** Returns why the warehouse order is held, when it is for a reason other than the plan's. */
  private async syncDraft(
    manager: EntityManager,
    row: LockedOrder,
    order: ChannelOrder,
    draft: OrderDraftPlan,
    holdReason: string | null,
  ): Promise<string | null> {
    if (draft.existingOrderId && draft.lines.length === 0) {
      // Nothing left for this destination (lines removed or moved): its warehouse order goes.
      const cancelled = await this.warehouse.cancelOrder(manager, draft.existingOrderId);
      if (cancelled.outcome === 'conflict') {
        const reason = `the channel moved or removed every line of warehouse order ${draft.existingOrderId}, but ${cancelled.reason}`;
        await this.warehouse.holdOrder(manager, draft.existingOrderId, reason);
        return reason;
      }
      return null;
    }
    const synced = await this.warehouse.syncOrder(
      manager,
      {
        storeId: row.storeId,
        externalId: order.externalId,
        externalNumber: order.externalNumber,
        warehouseId: draft.warehouseId,
        shippingProcessId: draft.shippingProcessId,
        shippingAddress: order.shippingAddress,
        channelAllocationIds: draft.allocationIds,
        lines: draft.lines,
        holdReason,
      },
      draft.existingOrderId,
    );
    await this.orders.saveLink(manager, row.id, {
      warehouseOrderId: synced.orderId,
      warehouseId: draft.warehouseId,
      shippingProcessId: draft.shippingProcessId,
      channelLocationIds: draft.channelLocationIds,
      allocationIds: draft.allocationIds,
    });
    if (synced.outcome === 'locked') {
      const reason = `changed on the channel after the warehouse started shipping it: ${synced.reason}`;
      await this.warehouse.holdOrder(manager, synced.orderId, reason);
      return reason;
    }
    return null;
  }

  private async cancel(manager: EntityManager, orderIds: string[]): Promise<Settled> {
    if (orderIds.length === 0) {
      return { state: 'cancelled', reason: 'cancelled on the channel before it was imported' };
    }
    const conflicts: string[] = [];
    for (const orderId of orderIds) {
      const result = await this.warehouse.cancelOrder(manager, orderId);
      if (result.outcome === 'conflict') {
        const reason = `cancelled on the channel, but ${result.reason}`;
        await this.warehouse.holdOrder(manager, orderId, reason);
        conflicts.push(reason);
      }
    }
    return conflicts.length > 0 ? { state: 'conflict', reason: conflicts.join('; ') } : { state: 'cancelled', reason: null };
  }
}
