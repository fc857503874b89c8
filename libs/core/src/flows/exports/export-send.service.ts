import { Injectable, Logger } from '@nestjs/common';
import { ChannelAdapterException } from '../../channel/channel-adapter.exception';
import type {
  ChannelAdapter,
  ChannelContext,
  OrderSink,
  WholesaleOrder,
  WholesaleOrderSource,
} from '../../channel/channel-adapter.interface';
import { ChannelErrorCode } from '../../channel/channel-error-code.enum';
import { StoreConnectionService } from '../../store/store-connection.service';
import { SyncFailurePolicy } from '../../sync-run/sync-failure.policy';
import type { SyncItemOutcome } from '../../sync-run/sync-run.service';
import { EXPORT_FAILURES, orderedLines, planExport, type ExportFailure } from './export-plan.decision';
import type { WholesaleExportSettings } from './export.settings';
import { WholesaleExportRepository, type ExportRow } from './wholesale-export.repository';

/** Both ends of one source store's exports, resolved once per run. */
export interface ExportEnds {
  sourceStoreId: string;
  source: ChannelAdapter & WholesaleOrderSource;
  sourceContext: ChannelContext;
  sinkStoreId: string;
  sink: ChannelAdapter & OrderSink;
  sinkContext: ChannelContext;
  settings: WholesaleExportSettings;
}

// The mark on the source follows the create at once; only a worker that stopped leaves it for this long.
const MARK_LEASE_SECONDS = 60;
// An unknown outcome is looked up no sooner than this: a sink's search (Shopify's) may lag a just-created order.
const LOOKUP_DELAY_MS = 15_000;
// A transient failure of a step that sent nothing: tried again within these bounds.
const MIN_STEP_RETRY_MS = 2_000;
const MAX_BACKOFF_MS = 300_000;

type Side = 'source' | 'sink';

/**
 * Exports one claimed row: settle an earlier unknown outcome by a lookup, read what is missing, gate and plan (pure),
 * record the send, create, then mark the order exported on the source. Returns the run item.
 */
@Injectable()
export class ExportSendService {
  private readonly logger = new Logger(ExportSendService.name);

  constructor(
    private readonly exports: WholesaleExportRepository,
    private readonly connections: StoreConnectionService,
    private readonly policy: SyncFailurePolicy,
  ) {}

  async process(row: ExportRow, ends: ExportEnds): Promise<SyncItemOutcome> {
    if (row.state === 'exported') {
      return this.mark(row, ends);
    }
    let side: Side = 'sink';
    try {
      if (row.sentAt) {
        // Sent before and never confirmed: the sink has no idempotency key, so look before sending again.
        const found = await ends.sink.findByIdentity(ends.sinkContext, row.identity);
        if (found[0]) {
          await this.exports.settleExported(row.id, found[0], MARK_LEASE_SECONDS);
          return this.mark({ ...row, sinkOrderId: found[0].externalId, sinkOrderName: found[0].name }, ends, 'adopted');
        }
      }
      side = 'source';
      const order = row.sourceOrder ?? (await this.readSource(row, ends));
      if (!order) {
        return this.fail(row, { code: 'source_gone', reason: `${ends.source.name} no longer has this order` });
      }
      side = 'sink';
      if (row.supersedesOrderId) {
        const previous = (await ends.sink.readExportedOrders(ends.sinkContext, [row.supersedesOrderId])).get(row.supersedesOrderId);
        if (previous && !previous.cancelled) {
          return this.fail(row, {
            code: 'previous_not_cancelled',
            reason: `the previous export (order ${previous.name ?? previous.externalId}) is not cancelled: cancel it on ${ends.sink.name}, the re-export then follows`,
          });
        }
      }
      const lines = orderedLines(order);
      const resolutions =
        lines.length > 0
          ? await ends.sink.resolveItems(
              ends.sinkContext,
              lines.map((l) => l.item),
              ends.settings.locationId,
            )
          : [];
      const plan = planExport(order, resolutions, ends.settings, {
        sourceName: ends.source.name,
        sinkName: ends.sink.name,
        identity: row.identity,
        generation: row.generation,
      });
      if (!plan.ok) {
        return this.fail(row, plan.failure);
      }
      await this.exports.markSending(row.id);
      try {
        const created = await ends.sink.createOrder(ends.sinkContext, plan.order);
        await this.exports.settleExported(row.id, created, MARK_LEASE_SECONDS);
        return this.mark({ ...row, sinkOrderId: created.externalId, sinkOrderName: created.name }, ends, 'exported');
      } catch (error) {
        return this.sendFailed(row, error, ends);
      }
    } catch (error) {
      return this.stepFailed(row, error, side, ends);
    }
  }

  private async readSource(row: ExportRow, ends: ExportEnds): Promise<WholesaleOrder | null> {
    const order = await ends.source.readOrder(ends.sourceContext, row.sourceOrderId);
    if (order) {
      await this.exports.saveSource(row.id, order);
    }
    return order;
  }

  /** Marks the order exported on the source; a failure leaves the mark due (the order is on the sink either way). */
  private async mark(row: ExportRow, ends: ExportEnds, outcome = 'marked'): Promise<SyncItemOutcome> {
    const item = { externalRef: row.sourceOrderId, outcome, reason: row.sinkOrderName ?? row.sinkOrderId };
    try {
      await ends.source.markExported(ends.sourceContext, row.sourceOrderId);
      await this.exports.settleMarked(row.id);
      return item;
    } catch (error) {
      const decision = this.policy.decide(error, 1);
      if (decision.action === 'fail' && decision.markNeedsReauth) {
        await this.connections.markNeedsReauth(ends.sourceStoreId);
      }
      const delay = decision.action === 'fail' ? 60_000 : decision.delayMs;
      await this.exports.postpone(row.id, delay, `not yet marked on the source: ${decision.reason}`);
      return { ...item, reason: `${item.reason ?? ''} (the mark on the source waits: ${decision.reason})` };
    }
  }

  private async fail(row: ExportRow, failure: ExportFailure): Promise<SyncItemOutcome> {
    const retry = EXPORT_FAILURES[failure.code];
    await this.exports.settleFailed(row.id, failure, retry, null);
    return { externalRef: row.sourceOrderId, outcome: 'failed', reason: `${failure.code}: ${failure.reason}` };
  }

  /** createOrder failed: refused (nothing created), not executed (throttled), or unknown (settled by a later lookup). */
  private async sendFailed(row: ExportRow, error: unknown, ends: ExportEnds): Promise<SyncItemOutcome> {
    const code = error instanceof ChannelAdapterException ? error.code : ChannelErrorCode.UNKNOWN;
    const reason = error instanceof Error ? error.message : String(error);
    if (code === ChannelErrorCode.INVALID_DATA) {
      return this.fail(row, { code: 'sink_refused', reason });
    }
    if (code === ChannelErrorCode.RATE_LIMITED || code === ChannelErrorCode.AUTH_REVOKED) {
      // Refused before it was acted on: nothing was created, so no lookup is needed next time.
      const decision = this.policy.decide(error, row.attempts + 1);
      if (decision.action === 'fail' && decision.markNeedsReauth) {
        await this.connections.markNeedsReauth(ends.sinkStoreId);
      }
      await this.exports.unsend(
        row.id,
        { state: row.state, sentAt: row.sentAt },
        decision.action === 'fail' ? 60_000 : decision.delayMs,
        reason,
      );
      return { externalRef: row.sourceOrderId, outcome: 'waiting', reason };
    }
    const decision = this.policy.decide(error, row.attempts + 1);
    const delay = Math.max(LOOKUP_DELAY_MS, decision.action === 'fail' ? MAX_BACKOFF_MS : decision.delayMs);
    this.logger.warn(
      { export: row.id, order: row.sourceOrderId, reason },
      'export outcome unknown; the order is looked up before any resend',
    );
    await this.exports.postpone(row.id, delay, `outcome unknown (${reason}); looked up on the sink before any resend`);
    return { externalRef: row.sourceOrderId, outcome: 'unknown', reason };
  }

  /** A step before the send failed (a read): nothing was sent in this attempt. */
  private async stepFailed(row: ExportRow, error: unknown, side: Side, ends: ExportEnds): Promise<SyncItemOutcome> {
    const decision = this.policy.decide(error, row.attempts + 1);
    const reason = `${side}: ${decision.reason}`;
    const transient = decision.code === ChannelErrorCode.TEMPORARY || decision.code === ChannelErrorCode.UNKNOWN;
    if (decision.action === 'fail' && !decision.markNeedsReauth && !transient) {
      // The source's order or the sink's answer is malformed for this order: only a change can help.
      return this.fail(row, { code: side === 'source' ? 'invalid_order' : 'sink_refused', reason: decision.reason });
    }
    if (decision.action === 'fail') {
      await this.connections.markNeedsReauth(side === 'source' ? ends.sourceStoreId : ends.sinkStoreId);
    }
    // A channel that keeps failing is waited for, never given up on: a row once sent may be on the sink already.
    const delay =
      decision.action === 'fail'
        ? transient
          ? MAX_BACKOFF_MS
          : 60_000
        : Math.min(MAX_BACKOFF_MS, Math.max(MIN_STEP_RETRY_MS, decision.delayMs));
    await this.exports.postpone(row.id, delay, reason);
    return { externalRef: row.sourceOrderId, outcome: 'waiting', reason };
  }
}
