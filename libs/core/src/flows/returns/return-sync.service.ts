import { Injectable, Logger } from '@nestjs/common';
import type { ChannelReturn } from '../../channel/channel-adapter.interface';
import { ChannelLocationMappingService } from '../../mapping/channel-location-mapping.service';
import { StoreStatus } from '../../store/store-status.enum';
import { StoreService } from '../../store/store.service';
import { StoreConnectionService } from '../../store/store-connection.service';
import { SyncFailurePolicy } from '../../sync-run/sync-failure.policy';
import { SyncRunService } from '../../sync-run/sync-run.service';
import { ChannelReturnRepository, type ClaimedReturn } from './channel-return.repository';
import { ReturnApplyService } from './return-apply.service';
import { asReturnSink, asReturnSource } from './return-channel.directory';
import type { WithReturnSyncSettings } from './return-sync.settings';

// A run still open this long after it started was left by a process that stopped (the claim's lease is 60 s).
const ABANDONED_RUN_SECONDS = 300;
// Returns per claim: one channel read covers them all.
const BATCH = 10;

/**
 * Syncs a store's due returns: claim a batch, read their current state from the channel in one call, then decide each
 * (the warehouse side in its own transaction, then what the channel must record). Each batch is a sync run.
 */
@Injectable()
export class ReturnSyncService {
  private readonly logger = new Logger(ReturnSyncService.name);

  constructor(
    private readonly stores: StoreService,
    private readonly connections: StoreConnectionService,
    private readonly returns: ChannelReturnRepository,
    private readonly mappings: ChannelLocationMappingService,
    private readonly apply: ReturnApplyService,
    private readonly policy: SyncFailurePolicy,
    private readonly runs: SyncRunService,
  ) {}

  async syncDue(storeId: string, trigger = 'webhook'): Promise<number> {
    let worked = 0;
    await this.runs.closeAbandoned(storeId, 'return-sync', ABANDONED_RUN_SECONDS);
    for (;;) {
      const { store, adapter, context } = await this.stores.resolve(storeId);
      const source = asReturnSource(adapter);
      if (!source || store.status !== StoreStatus.CONNECTED) {
        return worked;
      }
      const claimed = await this.returns.claim(storeId, BATCH);
      if (claimed.length === 0) {
        return worked;
      }
      worked += claimed.length;
      const settings = (context.settings as Partial<WithReturnSyncSettings>).returns;
      if (!settings?.enabled) {
        for (const row of claimed) {
          await this.returns.settle(row.id, { state: 'skipped', reason: 'return sync is off for this store' });
        }
        continue;
      }
      let reads: Map<string, ChannelReturn>;
      try {
        reads = await source.readReturns(
          context,
          claimed.map((r) => r.externalId),
        );
      } catch (error) {
        await this.failed(storeId, claimed, error);
        return worked;
      }
      const mappings = await this.mappings.list(storeId);
      const run = await this.runs.start({ storeId, kind: 'return-sync', trigger });
      const failures = this.policy.counter();
      for (const row of claimed) {
        const read = reads.get(row.externalId);
        try {
          const item = read ? await this.apply.apply(context, asReturnSink(adapter), row, read, mappings, settings) : await this.gone(row);
          await this.runs.recordItems(run.id, [item]);
        } catch (error) {
          const decision = failures.decide(error, row.attempts + 1);
          const message = `${decision.code}: ${decision.reason}`;
          this.logger.warn({ storeId, return: row.externalId, decision }, 'return sync failed');
          if (decision.action === 'fail' && decision.markNeedsReauth) {
            await this.connections.markNeedsReauth(storeId);
          }
          await this.returns.fail(
            [row.id],
            message,
            decision.action === 'fail' && !decision.markNeedsReauth ? null : decision.action === 'fail' ? 0 : decision.delayMs,
          );
          await this.runs.recordItems(run.id, [{ externalRef: row.externalId, outcome: 'failed', reason: message }]);
        }
      }
      await this.runs.finish(run.id, { extraCounts: failures.counts() });
    }
  }

  private async gone(row: ClaimedReturn): Promise<{ externalRef: string; outcome: string; reason: string }> {
    const reason = 'the channel does not know this return (deleted?)';
    await this.returns.settle(row.id, { state: 'failed', reason });
    return { externalRef: row.externalId, outcome: 'failed', reason };
  }

  private async failed(storeId: string, claimed: ClaimedReturn[], error: unknown): Promise<void> {
    const attempts = Math.max(...claimed.map((c) => c.attempts)) + 1;
    const failures = this.policy.counter();
    const decision = failures.decide(error, attempts);
    const message = `${decision.code}: ${decision.reason}`;
    if (decision.action === 'fail' && decision.markNeedsReauth) {
      // Returns stay due; the reconnect brings them back.
      await this.connections.markNeedsReauth(storeId);
      await this.returns.fail(
        claimed.map((c) => c.id),
        message,
        0,
      );
      return;
    }
    await this.returns.fail(
      claimed.map((c) => c.id),
      message,
      decision.action === 'fail' ? null : decision.delayMs,
    );
    await this.runs.recordFinished({
      storeId,
      kind: 'return-sync',
      trigger: 'webhook',
      items: claimed.map((c) => ({ externalRef: c.externalId, outcome: 'failed', reason: decision.reason })),
      error: message,
      extraCounts: failures.counts(),
    });
  }
}
