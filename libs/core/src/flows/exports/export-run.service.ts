import { Injectable, Logger } from '@nestjs/common';
import type { WholesaleOrder, WholesaleOrderPage } from '../../channel/channel-adapter.interface';
import { DomainException } from '../../errors/domain.exception';
import { PluginService } from '../../plugin/plugin.service';
import { StoreStatus } from '../../store/store-status.enum';
import { StoreService } from '../../store/store.service';
import { StoreConnectionService } from '../../store/store-connection.service';
import { SyncFailurePolicy } from '../../sync-run/sync-failure.policy';
import type { SyncRun } from '../../sync-run/sync-run.entity';
import { SyncRunService, type SyncItemOutcome } from '../../sync-run/sync-run.service';
import { asOrderSink, asWholesaleSource } from './export-channel.directory';
import { decideOffer } from './export-offer.decision';
import { EXPORT_FAILURES } from './export-plan.decision';
import { ExportAlertService } from './export-alert.service';
import { ExportSendService, type ExportEnds } from './export-send.service';
import type { WholesaleExportSettings } from './export.settings';
import { WholesaleExportScheduleRepository } from './wholesale-export-schedule.repository';
import { WholesaleExportRepository, type ExportIntent, type ExportOrigin } from './wholesale-export.repository';

export const EXPORT_RUN_KIND = 'wholesale-export';
// Exports sent at once per store: the sink's own pacing (Shopify's cost bucket) decides the rate beyond this.
const CONCURRENCY = 4;
// A claimed export not settled within this was cut off (crash): due again, and looked up before any resend.
const LEASE_SECONDS = 60;
const ABANDONED_RUN_SECONDS = 3600;

/**
 * One pass over a wholesale source store: when its schedule is due (or a person asked), read the source's pending
 * orders without marking them and record an intent per new order; then export what is due, mark what was exported,
 * and send one digest of new failures. Everything is in a sync run.
 */
@Injectable()
export class ExportRunService {
  private readonly logger = new Logger(ExportRunService.name);

  constructor(
    private readonly stores: StoreService,
    private readonly connections: StoreConnectionService,
    private readonly plugins: PluginService,
    private readonly exports: WholesaleExportRepository,
    private readonly schedule: WholesaleExportScheduleRepository,
    private readonly sender: ExportSendService,
    private readonly alerts: ExportAlertService,
    private readonly policy: SyncFailurePolicy,
    private readonly runs: SyncRunService,
  ) {}

  /** A person's run: the sync run that reports it (the worker picks it up at once; an earlier waiting request is reused). */
  async request(storeId: string): Promise<SyncRun> {
    const { store, adapter } = await this.stores.resolve(storeId);
    if (!asWholesaleSource(adapter)) {
      throw DomainException.conflict(`Store ${store.name} is a ${adapter.name} store: it has no wholesale orders to export`);
    }
    if (store.status !== StoreStatus.CONNECTED) {
      throw DomainException.conflict(`Store ${store.name} is ${store.status}; connect it again first`);
    }
    if (!(await this.plugins.get(adapter.key)).active) {
      throw DomainException.conflict(`The ${adapter.name} plugin is inactive; activate it first`);
    }
    // A run that could not reach its sink would wait unseen: say why now.
    const sink = store.targetStoreId ? await this.stores.get(store.targetStoreId) : null;
    if (!sink || sink.status !== StoreStatus.CONNECTED) {
      throw DomainException.conflict(
        sink
          ? `Store ${store.name} exports to ${sink.name}, which is ${sink.status}; connect it again first`
          : `Store ${store.name} exports nowhere`,
      );
    }
    const run = await this.runs.start({ storeId, kind: EXPORT_RUN_KIND, trigger: 'manual' });
    const runId = await this.schedule.request(storeId, run.id);
    if (runId !== run.id) {
      await this.runs.finish(run.id, { error: `superseded by the waiting run ${runId}` });
    }
    return this.runs.get(runId);
  }

  /** The worker's pass over one store; returns the exports it processed. */
  async run(storeId: string): Promise<number> {
    await this.runs.closeAbandoned(storeId, EXPORT_RUN_KIND, ABANDONED_RUN_SECONDS);
    const ends = await this.ends(storeId);
    if (!ends) {
      return 0;
    }
    const taken = await this.schedule.take(storeId, ends.settings.intervalMinutes);
    let runId = taken?.requestedRunId ?? null;
    const items: SyncItemOutcome[] = [];
    let error: string | null = null;
    let processed = 0;
    try {
      if (taken) {
        runId ??= (await this.runs.start({ storeId, kind: EXPORT_RUN_KIND, trigger: 'schedule' })).id;
        await this.schedule.recordRun(storeId, runId);
        error = await this.collect(ends, taken.requestedRunId ? 'manual' : 'scheduled', items);
      }
      processed = await this.drain(ends, items);
    } catch (failure) {
      // A database or programming error: the run says so; rows keep their leases and come back when they end.
      error = `the run stopped: ${failure instanceof Error ? failure.message : String(failure)}`;
      this.logger.error({ storeId, error }, 'wholesale export run stopped');
    }
    const reported = await this.alerts.digest({
      storeId,
      storeName: ends.storeName,
      sourceName: ends.source.name,
      sinkName: ends.sink.name,
      recipients: ends.settings.alertEmails,
    });
    if (runId || items.length > 0) {
      runId ??= (await this.runs.start({ storeId, kind: EXPORT_RUN_KIND, trigger: 'retry' })).id;
      await this.runs.recordItems(runId, items);
      await this.runs.finish(runId, { error, extraCounts: reported > 0 ? { alerted: reported } : {} });
    }
    return processed;
  }

  /** Both ends of the store's exports, or null when either is not ready (the run waits; nothing is lost). */
  private async ends(storeId: string): Promise<(ExportEnds & { storeName: string }) | null> {
    const sourceStore = await this.stores.resolve(storeId);
    const source = asWholesaleSource(sourceStore.adapter);
    if (!source || sourceStore.store.status !== StoreStatus.CONNECTED || !sourceStore.store.targetStoreId) {
      return null;
    }
    if (!(await this.plugins.get(sourceStore.adapter.key)).active) {
      await this.waitForEnds(storeId, 'its plugin is inactive');
      return null;
    }
    const settings = sourceStore.context.settings as WholesaleExportSettings;
    const sinkStore = await this.stores.resolve(sourceStore.store.targetStoreId).catch(() => null);
    const sink = sinkStore ? asOrderSink(sinkStore.adapter) : null;
    if (!sinkStore || !sink || sinkStore.store.status !== StoreStatus.CONNECTED) {
      await this.waitForEnds(storeId, `its sink store ${sourceStore.store.targetStoreId} cannot take orders now`);
      return null;
    }
    return {
      storeName: sourceStore.store.name,
      sourceStoreId: storeId,
      source,
      sourceContext: sourceStore.context,
      sinkStoreId: sinkStore.store.id,
      sink,
      sinkContext: sinkStore.context,
      settings,
    };
  }

  /** Checked again in a minute rather than at every poll; nothing due is lost. */
  private async waitForEnds(storeId: string, why: string): Promise<void> {
    await this.schedule.resumeAfter(storeId, 60_000);
    await this.exports.postponeDue(storeId, 60_000);
    this.logger.warn({ storeId }, `wholesale export waits: ${why}`);
  }

  /** Reads every pending order (pages, never marking) and records what each calls for. Returns the run's error, if any. */
  private async collect(ends: ExportEnds, origin: ExportOrigin, items: SyncItemOutcome[]): Promise<string | null> {
    let cursor: string | null = null;
    do {
      let page: WholesaleOrderPage;
      try {
        page = await ends.source.pendingOrders(ends.sourceContext, cursor);
      } catch (error) {
        const decision = this.policy.decide(error, 1);
        if (decision.action === 'fail' && decision.markNeedsReauth) {
          await this.connections.markNeedsReauth(ends.sourceStoreId);
        }
        // The rest of the pages are read when the source allows again; what was read is recorded.
        await this.schedule.resumeAfter(ends.sourceStoreId, decision.action === 'fail' ? 60_000 : Math.max(1_000, decision.delayMs));
        return `reading the source stopped: ${decision.reason}`;
      }
      await this.offer(ends, page.items, origin, items);
      await this.reject(ends, page.rejected, items);
      cursor = page.nextCursor;
    } while (cursor);
    return null;
  }

  private async offer(ends: ExportEnds, orders: WholesaleOrder[], origin: ExportOrigin, items: SyncItemOutcome[]): Promise<void> {
    const latest = await this.exports.latest(
      ends.sourceStoreId,
      orders.map((o) => o.externalId),
    );
    const intents: ExportIntent[] = [];
    for (const order of orders) {
      const action = decideOffer(latest.get(order.externalId) ?? null, order);
      switch (action.kind) {
        case 'record':
          intents.push(this.intent(ends, order.externalId, order, 1, origin, null));
          break;
        case 're-export':
          intents.push(this.intent(ends, order.externalId, order, action.generation, 'source-re-export', action.supersedes));
          items.push({ externalRef: order.externalId, outcome: 're-export-requested', reason: 'the source asked to export it again' });
          break;
        case 'refresh':
          await this.exports.refresh(action.id, order);
          break;
        case 'mark':
          await this.exports.markDue(action.id);
          break;
        case 'none':
          break;
      }
    }
    await this.exports.record(ends.sourceStoreId, ends.sinkStoreId, intents);
  }

  /**
   * Orders the source adapter could not read: a failed export each (with alerts), so nobody waits for them unknowingly;
   * the next read that succeeds (the order was corrected) makes them due. An order already sent is left alone.
   */
  private async reject(ends: ExportEnds, rejected: WholesaleOrderPage['rejected'], items: SyncItemOutcome[]): Promise<void> {
    const known = rejected.filter((r): r is { externalId: string; reason: string } => r.externalId !== null && r.externalId !== '');
    for (const r of rejected.filter((x) => !x.externalId)) {
      items.push({ externalRef: null, outcome: 'failed', reason: `invalid_order: an order without an id: ${r.reason}` });
    }
    const latest = await this.exports.latest(
      ends.sourceStoreId,
      known.map((r) => r.externalId),
    );
    for (const r of known) {
      const failure = { code: 'invalid_order' as const, reason: `the source's order cannot be read: ${r.reason}` };
      const last = latest.get(r.externalId);
      let id = last && (last.state === 'pending' || last.state === 'failed') ? last.id : null;
      if (!last) {
        [id] = await this.exports.record(ends.sourceStoreId, ends.sinkStoreId, [
          this.intent(ends, r.externalId, null, 1, 'scheduled', null),
        ]);
      }
      if (id) {
        await this.exports.settleFailed(id, failure, EXPORT_FAILURES.invalid_order, null);
        items.push({ externalRef: r.externalId, outcome: 'failed', reason: `${failure.code}: ${failure.reason}` });
      }
    }
  }

  private intent(
    ends: ExportEnds,
    sourceOrderId: string,
    order: WholesaleOrder | null,
    generation: number,
    origin: ExportOrigin,
    supersedes: string | null,
  ): ExportIntent {
    return {
      sourceOrderId,
      generation,
      identity: exportIdentity(ends.source.key, ends.sourceContext.externalAccountId, sourceOrderId, generation),
      origin,
      sourceOrder: order,
      supersedesOrderId: supersedes,
    };
  }

  /** Exports what is due, a few at once, each claimed under a lease. */
  private async drain(ends: ExportEnds, items: SyncItemOutcome[]): Promise<number> {
    let processed = 0;
    const worker = async (): Promise<void> => {
      for (;;) {
        const row = await this.exports.claim(ends.sourceStoreId, LEASE_SECONDS);
        if (!row) {
          return;
        }
        processed += 1;
        items.push(await this.sender.process(row, ends));
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    return processed;
  }
}

/** What the sink stores to find an export again: source channel, account, order and generation. */
export function exportIdentity(sourceKey: string, account: string, orderId: string, generation: number): string {
  return `${sourceKey}:${account}:${orderId}:${generation}`;
}
