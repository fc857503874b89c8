import { Injectable, Logger } from '@nestjs/common';
import type { ChannelOrderRead } from '../../channel/channel-adapter.interface';
import { ChannelLocationMappingService, type ChannelLocationMapping } from '../../mapping/channel-location-mapping.service';
import { StoreStatus } from '../../store/store-status.enum';
import { StoreService } from '../../store/store.service';
import { StoreConnectionService } from '../../store/store-connection.service';
import { SyncFailurePolicy } from '../../sync-run/sync-failure.policy';
import { SyncRunService } from '../../sync-run/sync-run.service';
import { ChannelOrderRepository, type ClaimedOrder } from './channel-order.repository';
import { OrderApplyService } from './order-apply.service';
import type { WithOrderFilterSettings } from './order-import.settings';
import { asFulfillmentSink } from '../fulfillments/fulfillment-sink.directory';
import { asOrderSource } from './order-source.directory';
import { OrderImportMetrics } from './order-import.metrics';

// A run still open this long after it started was left by a process that stopped (the claim's lease is 60 s).
const ABANDONED_RUN_SECONDS = 300;
// Orders decided per claim: one channel read covers them all (Shopify reads this many in one query).
const BATCH = 25;

/**
 * Imports a store's due orders: claim a batch, read from the channel what the decision needs (allocations when the
 * store has more than one destination or ships through the channel, the current state when two states shared a version) in one call, then decide
 * and apply each order in its own transaction. Each batch is a sync run with one item per order.
 */
@Injectable()
export class OrderImportService {
  private readonly logger = new Logger(OrderImportService.name);

  constructor(
    private readonly stores: StoreService,
    private readonly connections: StoreConnectionService,
    private readonly orders: ChannelOrderRepository,
    private readonly mappings: ChannelLocationMappingService,
    private readonly apply: OrderApplyService,
    private readonly policy: SyncFailurePolicy,
    private readonly runs: SyncRunService,
    private readonly metrics: OrderImportMetrics,
  ) {}

  /** Works until the store has nothing due; returns how many orders it decided. */
  async importDue(storeId: string, trigger = 'webhook'): Promise<number> {
    let decided = 0;
    // A run a killed worker left open holds the decisions it committed: closed, not lost.
    await this.runs.closeAbandoned(storeId, 'order-import', ABANDONED_RUN_SECONDS);
    for (;;) {
      // The store as it is now, per batch: a settings change (new filters) or a disconnect counts from the next batch.
      const { store, adapter, context } = await this.stores.resolve(storeId);
      const source = asOrderSource(adapter);
      const filters = (context.settings as Partial<WithOrderFilterSettings>).orderFilters;
      if (!source || !filters || store.status !== StoreStatus.CONNECTED) {
        return decided;
      }
      const claimed = await this.orders.claim(storeId, BATCH);
      if (claimed.length === 0) {
        return decided;
      }
      const mappings = await this.mappings.list(storeId);
      // Allocations route lines when the store has several destinations. On a channel that takes fulfillments they also
      // name the lines a shipment fulfils: read with a trickle of webhook orders, they spare each shipment a read later;
      // a full batch means a backlog (a burst, a reconciliation), where the import's speed and rate limit come first
      // and shipments read them instead, batched.
      const routes = source.orderTraits.allocations && destinations(mappings) > 1;
      const forShipments = source.orderTraits.allocations && asFulfillmentSink(adapter) !== null && claimed.length < BATCH;
      // For shipments, once per order: not again for an order whose allocations hold, nor for one with nothing left to ship.
      const wantsShipmentRead = (c: ClaimedOrder) => forShipments && !c.allocationsKnown && !c.fulfilled;
      const toRead = claimed.filter((c) => c.readWanted || (!c.cancelled && (routes || wantsShipmentRead(c))));
      const allocations = routes || (forShipments && toRead.length > 0);
      let reads = new Map<string, ChannelOrderRead>();
      if (toRead.length > 0) {
        try {
          reads = await source.readOrders(
            context,
            toRead.map((c) => c.externalId),
            { allocations },
          );
        } catch (error) {
          await this.failed(storeId, claimed, error);
          return decided;
        }
      }
      // Each decision records its item in its own transaction, so the run tells what committed even after a crash.
      const run = await this.runs.start({ storeId, kind: 'order-import', trigger });
      for (const order of claimed) {
        try {
          const item = await this.apply.apply({
            storeId,
            runId: run.id,
            channelOrderId: order.id,
            read: reads.get(order.externalId) ?? null,
            mappings,
            filters,
          });
          this.metrics.decided(store.pluginKey, item.outcome);
        } catch (error) {
          // A warehouse refusal or a bug: this order waits (backoff), the others go on.
          const message = error instanceof Error ? error.message : String(error);
          this.logger.warn({ storeId, order: order.externalId, error: message }, 'order import failed');
          await this.orders.fail(
            [order.id],
            message,
            this.policy.decide(error, order.attempts + 1).action === 'fail' ? null : backoff(order.attempts),
          );
          await this.runs.recordItems(run.id, [{ externalRef: order.externalId, outcome: 'failed', reason: message }]);
          this.metrics.decided(store.pluginKey, 'failed');
        }
      }
      decided += claimed.length;
      await this.runs.finish(run.id);
    }
  }

  private async failed(storeId: string, claimed: ClaimedOrder[], error: unknown): Promise<void> {
    const attempts = Math.max(...claimed.map((c) => c.attempts)) + 1;
    const failures = this.policy.counter();
    const decision = failures.decide(error, attempts);
    this.logger.warn({ storeId, decision }, 'reading orders from the channel failed');
    if (decision.action === 'fail' && decision.markNeedsReauth) {
      // Orders stay due; the store's reconnect brings them back.
      await this.connections.markNeedsReauth(storeId);
      await this.orders.fail(
        claimed.map((c) => c.id),
        `${decision.code}: ${decision.reason}`,
        0,
      );
      return;
    }
    await this.orders.fail(
      claimed.map((c) => c.id),
      `${decision.code}: ${decision.reason}`,
      decision.action === 'fail' ? null : decision.delayMs,
    );
    await this.runs.recordFinished({
      storeId,
      kind: 'order-import',
      trigger: 'webhook',
      items: claimed.map((c) => ({ externalRef: c.externalId, outcome: 'failed', reason: decision.reason })),
      error: `${decision.code}: ${decision.reason}`,
      extraCounts: failures.counts(),
    });
  }
}

/** Distinct warehouses the store's locations lead to: with one, routing needs no read. */
function destinations(mappings: ChannelLocationMapping[]): number {
  return new Set(mappings.map((m) => m.warehouseId)).size;
}

/** Backoff of an order the warehouse refused: 1 s doubling to 5 min. */
function backoff(attempts: number): number {
  return Math.min(300_000, 1_000 * 2 ** attempts);
}
