import { Injectable, Logger } from '@nestjs/common';
import { ChannelAdapterException } from '../../channel/channel-adapter.exception';
import type { ChannelContext, ChannelFulfillmentState, FulfillmentSink } from '../../channel/channel-adapter.interface';
import { ChannelErrorCode } from '../../channel/channel-error-code.enum';
import { StoreConnectionService } from '../../store/store-connection.service';
import type { FailedCallCounter } from '../../sync-run/failed-call.counter';
import { SyncFailurePolicy } from '../../sync-run/sync-failure.policy';
import type { SyncItemOutcome } from '../../sync-run/sync-run.service';
import { allocationsFromSnapshot } from './fulfillment-allocations';
import { findInFlight, planFulfillment, remainingLines } from './fulfillment-plan.decision';
import { FulfillmentPushRepository, type ClaimedPush, type MadeFulfillment } from './fulfillment-push.repository';
import type { WithFulfillmentSettings } from './fulfillment.settings';

/** What one claimed push had of the channel when it was worked on. */
export interface PushReads {
  /** Present when the order was read fresh in this batch; an order the channel does not know reads as null. */
  fresh: ChannelFulfillmentState | null | undefined;
  /** Fulfillment ids our pushes recorded on the order (a found fulfillment is none of these). */
  known: ReadonlySet<string>;
}

// A push held on the channel's side (on hold, moved) is looked at again after this, doubling to an hour.
const HOLD_RETRY_MS = 60_000;
const HOLD_RETRY_MAX_MS = 3_600_000;
// Refusals of a create planned on a fresh read before the push is held for a person.
const REFUSALS_BEFORE_HOLD = 2;

/**
 * Works one claimed push: settles an unknown outcome by what the channel shows, brings tracking up to date, plans what
 * is left against what is open, creates one fulfillment per location (recorded in flight first) and settles. Every
 * path ends the claim; the one failure policy decides retries.
 */
@Injectable()
export class FulfillmentSendService {
  private readonly logger = new Logger(FulfillmentSendService.name);

  constructor(
    private readonly pushes: FulfillmentPushRepository,
    private readonly policy: SyncFailurePolicy,
    private readonly connections: StoreConnectionService,
  ) {}

  async process(
    ctx: ChannelContext,
    sink: FulfillmentSink,
    push: ClaimedPush,
    reads: PushReads,
    failures: FailedCallCounter = this.policy.counter(),
  ): Promise<SyncItemOutcome> {
    const ref = { externalRef: push.shipmentId };
    const notify = (ctx.settings as Partial<WithFulfillmentSettings>).fulfillment?.notifyCustomer ?? true;
    const made: MadeFulfillment[] = [...push.fulfillments];
    const notes: string[] = [];
    // The tracking version the channel's fulfillments show.
    let shown = push.pushedTrackingVersion;
    try {
      if (push.inFlight) {
        if (reads.fresh === undefined) {
          return this.readNext(push, ref);
        }
        const found = reads.fresh ? findInFlight(push.inFlight, reads.fresh.fulfillments, reads.known) : null;
        if (found) {
          const adopted = {
            externalId: found.externalId,
            channelLocationId: push.inFlight.channelLocationId,
            lines: push.inFlight.lines,
            at: now(),
          };
          // Its tracking is what was sent then; a change since is sent below.
          await this.pushes.recordFulfillment(push.id, adopted, push.inFlight.trackingVersion);
          shown = Math.max(shown, push.inFlight.trackingVersion);
          made.push(adopted);
          notes.push(`fulfillment ${found.externalId} was created by an attempt whose answer was lost`);
        } else {
          await this.pushes.clearInFlight(push.id);
        }
      }
      if (made.length > 0 && push.trackingVersion > shown) {
        for (const f of made) {
          await sink.updateTracking(ctx, f.externalId, push.tracking, notify);
        }
        notes.push('tracking updated');
      }
      const rest = remainingLines(
        push.lines,
        made.flatMap((f) => f.lines),
      );
      if (rest.length === 0) {
        await this.pushes.settle(push.id, push.trackingVersion, {
          state: 'pushed',
          reason: notes.join('; ') || null,
          retryInMs: null,
          pushedTrackingVersion: push.trackingVersion,
        });
        return { ...ref, outcome: 'pushed', reason: notes.join('; ') || null };
      }
      if (reads.fresh === null) {
        await this.pushes.settle(push.id, push.trackingVersion, {
          state: 'failed',
          reason: `order ${push.orderExternalId} is not on the channel (deleted?)`,
          retryInMs: null,
        });
        return { ...ref, outcome: 'failed', reason: `order ${push.orderExternalId} is not on the channel` };
      }
      const allocations = reads.fresh?.allocations ?? allocationsFromSnapshot(push.allocations, push.allocationsReadAt, made);
      if (!allocations) {
        return this.readNext(push, ref);
      }
      const plan = planFulfillment({
        lines: rest,
        allocationIds: push.allocationIds ?? [],
        channelLocationIds: push.channelLocationIds ?? [],
        allocations,
      });
      // Only a plan that sends everything is taken from the order engine's last read; anything else is confirmed fresh.
      if (!reads.fresh && (plan.kind !== 'send' || plan.short.length > 0)) {
        return this.readNext(push, ref);
      }
      if (plan.kind === 'hold') {
        const delay = Math.min(HOLD_RETRY_MAX_MS, HOLD_RETRY_MS * 2 ** push.attempts);
        await this.pushes.settle(push.id, push.trackingVersion, {
          state: 'held',
          reason: plan.reason,
          retryInMs: delay,
          countAttempt: true,
          readWanted: true,
        });
        return { ...ref, outcome: 'held', reason: plan.reason };
      }
      if (plan.kind === 'nothing-open') {
        const state = made.length > 0 ? 'pushed' : 'skipped';
        await this.pushes.settle(push.id, push.trackingVersion, {
          state,
          reason: plan.reason,
          retryInMs: null,
          pushedTrackingVersion: push.trackingVersion,
        });
        return { ...ref, outcome: state, reason: plan.reason };
      }
      for (const group of plan.fulfillments) {
        await this.pushes.markInFlight(push.id, {
          channelLocationId: group.channelLocationId,
          trackingNumbers: push.tracking.numbers,
          trackingVersion: push.trackingVersion,
          lines: group.lines,
          sentAt: now(),
        });
        const { externalId } = await sink.createFulfillment(ctx, {
          orderExternalId: push.orderExternalId,
          allocations: byAllocation(group.lines),
          tracking: push.tracking,
          notifyCustomer: notify,
          reference: push.shipmentId,
        });
        await this.pushes.recordFulfillment(
          push.id,
          { externalId, channelLocationId: group.channelLocationId, lines: group.lines, at: now() },
          push.trackingVersion,
        );
      }
      const short =
        plan.short.length > 0
          ? `${plan.short.map((s) => `${s.quantity} × line ${s.externalLineId}`).join(', ')} already fulfilled or closed on the channel`
          : null;
      const reason = [...notes, ...(short ? [short] : [])].join('; ') || null;
      await this.pushes.settle(push.id, push.trackingVersion, {
        state: 'pushed',
        reason,
        retryInMs: null,
        pushedTrackingVersion: push.trackingVersion,
      });
      return { ...ref, outcome: 'pushed', reason };
    } catch (error) {
      // Every channel call in here is a write (the in-flight record is adopted or cleared before any of them).
      return this.failed(push, error, reads, ref, 'write', failures);
    }
  }

  /**
   * Settles a claim whose channel call failed; an unknown outcome keeps the in-flight record, so the next try reads
   * first. `call` says which call failed: a failed read (the batch read before any write) says nothing of a create an
   * earlier attempt left in flight, whatever its error.
   */
  async failed(
    push: ClaimedPush,
    error: unknown,
    reads: Pick<PushReads, 'fresh'>,
    ref: { externalRef: string },
    call: 'read' | 'write',
    failures?: FailedCallCounter,
  ): Promise<SyncItemOutcome> {
    // Counted by the caller's counter when given (a failed batch read is one call for all its pushes).
    const decision = (failures ?? this.policy).decide(error, push.attempts + 1);
    const message = `${decision.code}: ${decision.reason}`;
    const unknownOutcome = decision.code === ChannelErrorCode.TEMPORARY || decision.code === ChannelErrorCode.UNKNOWN;
    if (!unknownOutcome && call === 'write') {
      // The write was refused, throttled or not authorised: the channel did not act on it.
      await this.pushes.clearInFlight(push.id);
    }
    if (decision.action === 'fail' && decision.markNeedsReauth) {
      await this.connections.markNeedsReauth(push.storeId);
      await this.pushes.settle(push.id, push.trackingVersion, {
        state: 'pending',
        reason: 'the store needs to be connected again',
        retryInMs: 0,
        lastError: message,
      });
      return { ...ref, outcome: 'waiting', reason: message };
    }
    if (error instanceof ChannelAdapterException && error.code === ChannelErrorCode.INVALID_DATA) {
      // The channel refused the request itself: what it holds changed under us. Read and plan again; a refusal of a
      // fresh plan is held for a person, with the channel's words.
      const hold = reads.fresh !== undefined && push.attempts + 1 >= REFUSALS_BEFORE_HOLD;
      await this.pushes.settle(push.id, push.trackingVersion, {
        state: hold ? 'held' : 'pending',
        reason: hold ? `the channel refused it: ${decision.reason}` : null,
        retryInMs: hold ? HOLD_RETRY_MAX_MS : 0,
        countAttempt: true,
        lastError: message,
        readWanted: true,
      });
      return { ...ref, outcome: hold ? 'held' : 'retry', reason: message };
    }
    if (decision.action === 'fail') {
      await this.pushes.settle(push.id, push.trackingVersion, {
        state: 'failed',
        reason: message,
        retryInMs: null,
        countAttempt: true,
        lastError: message,
        readWanted: true,
      });
      return { ...ref, outcome: 'failed', reason: message };
    }
    this.logger.warn({ shipment: push.shipmentId, decision }, 'fulfillment push will be retried');
    await this.pushes.settle(push.id, push.trackingVersion, {
      state: 'pending',
      reason: null,
      retryInMs: decision.delayMs,
      countAttempt: decision.action === 'retry',
      lastError: message,
      readWanted: unknownOutcome,
    });
    return { ...ref, outcome: 'retry', reason: message };
  }

  private async readNext(push: ClaimedPush, ref: { externalRef: string }): Promise<SyncItemOutcome> {
    await this.pushes.settle(push.id, push.trackingVersion, { state: push.state, reason: null, retryInMs: 0, readWanted: true });
    return { ...ref, outcome: 'read-first' };
  }
}

function byAllocation(lines: { allocationId: string; allocationLineId: string; quantity: number }[]) {
  const out = new Map<string, { allocationId: string; lines: { allocationLineId: string; quantity: number }[] }>();
  for (const l of lines) {
    const group = out.get(l.allocationId) ?? { allocationId: l.allocationId, lines: [] };
    group.lines.push({ allocationLineId: l.allocationLineId, quantity: l.quantity });
    out.set(l.allocationId, group);
  }
  return [...out.values()];
}

function now(): string {
  return new Date().toISOString();
}
