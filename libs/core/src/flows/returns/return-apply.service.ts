import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { ChannelContext, ChannelReturn, ReturnSink } from '../../channel/channel-adapter.interface';
import type { ChannelLocationMapping } from '../../mapping/channel-location-mapping.service';
import { WarehousePort } from '../../ports/warehouse.port';
import type { SyncItemOutcome } from '../../sync-run/sync-run.service';
import { ChannelOrderRepository } from '../orders/channel-order.repository';
import { ChannelReturnRepository, type ClaimedReturn } from './channel-return.repository';
import { planDisposal } from './return-disposal.decision';
import type { ReturnSyncSettings } from './return-sync.settings';

/**
 * Decides one return from its state as just read: approved → expected in the warehouse of the location it was
 * fulfilled from; declined or cancelled → withdrawn (or held when goods arrived); what the warehouse received →
 * disposed on the channel (only what the channel does not show yet), and closed there when `autoClose` is on.
 */
@Injectable()
export class ReturnApplyService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly returns: ChannelReturnRepository,
    private readonly orders: ChannelOrderRepository,
    private readonly warehouse: WarehousePort,
  ) {}

  async apply(
    ctx: ChannelContext,
    sink: ReturnSink | null,
    row: ClaimedReturn,
    read: ChannelReturn,
    mappings: ChannelLocationMapping[],
    settings: ReturnSyncSettings,
  ): Promise<SyncItemOutcome> {
    const ref = { externalRef: read.externalName ?? read.externalId };
    if (read.status === 'requested') {
      await this.returns.settle(row.id, {
        state: 'requested',
        reason: 'waiting for the merchant to approve it on the channel',
        snapshot: read,
      });
      return { ...ref, outcome: 'requested' };
    }
    if (read.status === 'declined' || read.status === 'cancelled') {
      return this.withdraw(row, read, ref);
    }
    const links = await this.orders.linksByExternal(row.storeId, read.orderExternalId);
    if (links.length === 0 && !row.warehouseReturnId) {
      const reason = `order ${read.orderExternalId} was not imported into the warehouse`;
      await this.returns.settle(row.id, { state: 'skipped', reason, snapshot: read });
      return { ...ref, outcome: 'skipped', reason };
    }
    if (read.status === 'closed' && !row.warehouseReturnId) {
      const reason = 'closed on the channel before the warehouse expected it';
      await this.returns.settle(row.id, { state: 'skipped', reason, snapshot: read });
      return { ...ref, outcome: 'skipped', reason };
    }
    let warehouseReturnId = row.warehouseReturnId;
    const destination = ReturnApplyService.destination(read, mappings, links);
    if (read.status === 'open') {
      if (!destination) {
        const reason = 'no warehouse: the order was fulfilled from a location without a mapping, and the store has no default';
        await this.returns.settle(row.id, { state: 'held', reason, snapshot: read });
        return { ...ref, outcome: 'held', reason };
      }
      const synced = await this.dataSource.transaction((manager) =>
        this.warehouse.expectReturn(manager, {
          storeId: row.storeId,
          externalId: read.externalId,
          externalName: read.externalName,
          orderId: links.find((l) => l.warehouseId === destination.warehouseId)?.warehouseOrderId ?? null,
          warehouseId: destination.warehouseId,
          reason: [...new Set(read.lines.map((l) => l.reason).filter((r): r is string => !!r))].join(', ') || null,
          channelRestocks: sink !== null && destination.channelLocationId !== null,
          lines: read.lines.map((l) => ({
            externalLineId: l.externalLineId,
            sku: l.sku ?? '',
            quantity: l.quantity,
            reason: [l.reason, l.note].filter(Boolean).join(': ') || null,
          })),
        }),
      );
      if (synced.outcome === 'refused' || synced.outcome === 'locked') {
        await this.returns.settle(row.id, { state: 'held', reason: synced.reason, snapshot: read, warehouseReturnId: synced.returnId });
        return { ...ref, outcome: 'held', reason: synced.reason };
      }
      warehouseReturnId = synced.returnId;
    }
    const receipt = warehouseReturnId ? await this.warehouse.returnReceipt(warehouseReturnId) : null;
    if (!receipt || !sink || receipt.lines.every((l) => l.received === 0)) {
      await this.returns.settle(row.id, {
        state: read.status === 'closed' ? 'closed' : 'expected',
        reason: null,
        snapshot: read,
        warehouseReturnId,
      });
      return { ...ref, outcome: 'expected' };
    }
    const plan = planDisposal(
      receipt.lines.map((l) => ({ externalLineId: l.externalLineId, received: l.received, restocked: l.restocked })),
      read.disposal,
      destination?.channelLocationId !== null && destination !== null,
    );
    // One call per reverse fulfillment (the channel takes one at a time); a crash between calls leaves the rest to the
    // next read, which shows what the first one did.
    for (const group of new Set(plan.lines.map((l) => l.groupId))) {
      await sink.disposeReturn(ctx, {
        returnExternalId: read.externalId,
        lines: plan.lines
          .filter((l) => l.groupId === group)
          .map((l) => ({
            disposalLineId: l.disposalLineId,
            quantity: l.quantity,
            restock: l.restock,
            channelLocationId: l.restock ? (destination?.channelLocationId ?? null) : null,
          })),
      });
    }
    const notes: string[] = [];
    if (plan.lines.length > 0) {
      notes.push(`recorded ${plan.lines.reduce((n, l) => n + l.quantity, 0)} unit(s) on the channel`);
    }
    if (plan.unrecorded.length > 0) {
      const reason = `the channel has no open return line left for ${plan.unrecorded.map((u) => `${u.quantity} × ${u.externalLineId}${u.restock ? ' (restocked)' : ''}`).join(', ')}`;
      await this.returns.settle(row.id, { state: 'held', reason, snapshot: read, warehouseReturnId });
      return { ...ref, outcome: 'held', reason };
    }
    let state: 'expected' | 'received' | 'closed' = receipt.complete ? 'received' : 'expected';
    if (read.status === 'closed') {
      state = 'closed';
    } else if (receipt.complete && plan.complete && settings.autoClose) {
      await sink.closeReturn(ctx, read.externalId);
      notes.push('closed on the channel');
      state = 'closed';
    }
    await this.returns.settle(row.id, { state, reason: notes.join('; ') || null, snapshot: read, warehouseReturnId });
    return { ...ref, outcome: state, reason: notes.join('; ') || null };
  }

  private async withdraw(row: ClaimedReturn, read: ChannelReturn, ref: { externalRef: string }): Promise<SyncItemOutcome> {
    const words = `${read.status} on the channel`;
    if (!row.warehouseReturnId) {
      await this.returns.settle(row.id, { state: 'withdrawn', reason: words, snapshot: read });
      return { ...ref, outcome: 'withdrawn', reason: words };
    }
    const id = row.warehouseReturnId;
    const result = await this.dataSource.transaction((manager) =>
      this.warehouse.withdrawReturn(manager, id, `the return was ${words} after goods arrived`),
    );
    const state = result.outcome === 'withdrawn' ? 'withdrawn' : 'held';
    const reason = result.outcome === 'withdrawn' ? words : `${words}, but goods already arrived: a person decides`;
    await this.returns.settle(row.id, { state, reason, snapshot: read });
    return { ...ref, outcome: state, reason };
  }

  /**
   * Where the goods go back: the warehouse of the location the returned lines were fulfilled from (the first mapped
   * one), else the warehouse the order went to, else the store's default; restocked there on the channel at a location
   * mapped to that warehouse (none: the channel does not restock them).
   */
  static destination(
    read: ChannelReturn,
    mappings: ChannelLocationMapping[],
    links: { warehouseId: string }[],
  ): { warehouseId: string; channelLocationId: string | null } | null {
    for (const line of read.lines) {
      const mapped = mappings.find((m) => m.channelLocationId === line.channelLocationId);
      if (mapped) {
        return { warehouseId: mapped.warehouseId, channelLocationId: mapped.channelLocationId };
      }
    }
    const warehouseId = links[0]?.warehouseId ?? mappings.find((m) => m.isDefault)?.warehouseId;
    if (!warehouseId) {
      return null;
    }
    return { warehouseId, channelLocationId: mappings.find((m) => m.warehouseId === warehouseId)?.channelLocationId ?? null };
  }
}
