import { Injectable } from '@nestjs/common';
import type { ChannelFulfillmentState } from '../../channel/channel-adapter.interface';
import { StoreStatus } from '../../store/store-status.enum';
import { StoreService } from '../../store/store.service';
import { SyncFailurePolicy } from '../../sync-run/sync-failure.policy';
import { SyncRunService } from '../../sync-run/sync-run.service';
import { allocationsFromSnapshot } from './fulfillment-allocations';
import { FulfillmentPushRepository, type ClaimedPush } from './fulfillment-push.repository';
import { FulfillmentSendService } from './fulfillment-send.service';
import { asFulfillmentSink } from './fulfillment-sink.directory';

// A run still open this long after it started was left by a process that stopped (the claim's lease is 60 s).
const ABANDONED_RUN_SECONDS = 300;
// Pushes per claim: the ones that need the channel's state share one read.
const BATCH = 25;

/**
 * Pushes a store's due shipments to its channel: claim a batch, read in one call the orders that need it (an unknown
 * outcome to settle, a plan the last read cannot carry), then work each push. Each batch is a sync run, one item per
 * shipment.
 */
@Injectable()
export class FulfillmentPushService {
  constructor(
    private readonly stores: StoreService,
    private readonly pushes: FulfillmentPushRepository,
    private readonly send: FulfillmentSendService,
    private readonly runs: SyncRunService,
    private readonly policy: SyncFailurePolicy,
  ) {}

  /** Works until the store has nothing due; returns how many pushes it worked on. */
  async pushDue(storeId: string, trigger = 'shipment'): Promise<number> {
    let worked = 0;
    await this.runs.closeAbandoned(storeId, 'fulfillment-push', ABANDONED_RUN_SECONDS);
    for (;;) {
      const { store, adapter, context } = await this.stores.resolve(storeId);
      const sink = asFulfillmentSink(adapter);
      if (!sink || store.status !== StoreStatus.CONNECTED) {
        return worked;
      }
      const claimed = await this.pushes.claim(storeId, BATCH);
      if (claimed.length === 0) {
        return worked;
      }
      const toRead = claimed.filter(
        (p) => p.inFlight || p.readWanted || !allocationsFromSnapshot(p.allocations, p.allocationsReadAt, p.fulfillments),
      );
      const orderIds = [...new Set(toRead.map((p) => p.orderExternalId))];
      let states = new Map<string, ChannelFulfillmentState>();
      const run = await this.runs.start({ storeId, kind: 'fulfillment-push', trigger });
      // Calls that failed leave items that may end pushed (a retry in this run): the run counts them.
      const failures = this.policy.counter();
      if (orderIds.length > 0) {
        try {
          states = await sink.readFulfillments(context, orderIds);
        } catch (error) {
          // One call failed, counted once. Nothing was sent: every claimed push waits as the policy says (its in-flight
          // record stays for the next read).
          failures.decide(error, 1);
          for (const push of claimed) {
            await this.runs.recordItems(run.id, [
              await this.send.failed(push, error, { fresh: undefined }, { externalRef: push.shipmentId }, 'read'),
            ]);
          }
          await this.runs.finish(run.id, {
            error: error instanceof Error ? error.message : String(error),
            extraCounts: failures.counts(),
          });
          return worked + claimed.length;
        }
      }
      const known = await this.knownIds(
        storeId,
        claimed.filter((p) => p.inFlight),
      );
      for (const push of claimed) {
        const read = toRead.includes(push);
        const outcome = await this.send.process(
          context,
          sink,
          push,
          {
            fresh: read ? (states.get(push.orderExternalId) ?? null) : undefined,
            known: known.get(push.orderExternalId) ?? new Set(),
          },
          failures,
        );
        await this.runs.recordItems(run.id, [outcome]);
      }
      worked += claimed.length;
      await this.runs.finish(run.id, { extraCounts: failures.counts() });
    }
  }

  private async knownIds(storeId: string, pushes: ClaimedPush[]): Promise<Map<string, Set<string>>> {
    if (pushes.length === 0) {
      return new Map();
    }
    const made = await this.pushes.knownFulfillments(
      storeId,
      pushes.map((p) => p.orderExternalId),
    );
    return new Map([...made.entries()].map(([order, list]) => [order, new Set(list.map((f) => f.externalId))]));
  }
}
