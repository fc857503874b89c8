import { setTimeout as sleep } from 'node:timers/promises';
import { Injectable, Logger } from '@nestjs/common';
import type { ChannelAdapter, ChannelContext, ChannelStockPair, StockSink } from '../../channel/channel-adapter.interface';
import { ChannelAdapterException } from '../../channel/channel-adapter.exception';
import { ChannelErrorCode } from '../../channel/channel-error-code.enum';
import { SyncFailurePolicy } from '../../sync-run/sync-failure.policy';
import { classifyPush, linesToSend, type PushOutcome } from './stock-push.outcome';
import { pacePush, STOCK_PUSH_PACING } from './stock-push.pacing';
import { StockPushRepository, type PushRow } from './stock-push.repository';
import { StockPushRunRecorder } from './stock-push-run.recorder';

type Sink = ChannelAdapter & StockSink;

export interface PushAnswer {
  outcome: PushOutcome;
  calls: number;
  cost: number | null;
  failedCalls: Record<string, number>;
}

/**
 * Sends one recorded push to the channel through the one failure policy and the stock pacing: what a failed call leads
 * to (a wait in place, the push put aside, a give-up that leaves it pending or refused) is decided here, and recorded.
 */
@Injectable()
export class StockPushCaller {
  private readonly logger = new Logger(StockPushCaller.name);

  constructor(
    private readonly repository: StockPushRepository,
    private readonly runs: StockPushRunRecorder,
    private readonly policy: SyncFailurePolicy,
  ) {}

  /**
   * The write, retried as the failure policy says: in place for a short wait, put aside for a long one (the slot goes to
   * other stores; see STOCK_PUSH_PACING), under the same key, or not at all when a resend could apply twice.
   */
  async call(sink: Sink, ctx: ChannelContext, push: PushRow, onDefer: (until: Date) => void): Promise<PushAnswer | 'deferred'> {
    const write = {
      mode: push.mode,
      lines: linesToSend(push.mode, push.lines),
      idempotencyKey: push.idempotency_key,
      reference: `gid://gantry/StockPush/${push.id}`,
    };
    // Without idempotency keys a delta may have applied before the error: only a read can tell (beforeResend).
    const blindRetryIsSafe = sink.stockTraits.idempotencyKeys || push.mode === 'absolute';
    // The channel's own pacing (e.g. Shopify's cost bucket) may hold the call no longer than the slot may be held.
    const paced: ChannelContext = { ...ctx, maxPacingWaitMs: STOCK_PUSH_PACING.sleepMs };
    let failures = push.failures;
    let sleptMs = 0;
    // Every failed call is counted on the push's sync run, also when a retry then succeeded.
    const counter = this.policy.counter();
    for (let calls = 1; ; calls++) {
      try {
        const answer = await sink.pushStock(paced, write);
        const outcome = classifyPush(push.mode, push.lines, answer.lines);
        if (!outcome) {
          throw new ChannelAdapterException(
            ChannelErrorCode.UNKNOWN,
            `${sink.name} answered ${answer.lines.length} lines for ${write.lines.length}`,
          );
        }
        return { outcome, calls, cost: answer.cost ?? null, failedCalls: counter.counts() };
      } catch (error) {
        const decision = counter.decide(error, failures + 1);
        const step = pacePush(decision, sleptMs, blindRetryIsSafe);
        if (step.action === 'give-up') {
          await this.fail(ctx.storeId, push, decision.code, decision.reason);
          await this.runs.recordFailure(ctx.storeId, push, { calls, failedCalls: counter.counts() }, decision.reason);
          throw error;
        }
        failures += step.counted ? 1 : 0;
        if (step.action === 'defer') {
          // Same key when it goes again: the channel applies it once however often it arrived.
          await this.repository.defer(push.id, step.delayMs, failures, decision.reason);
          await this.runs.recordDeferred(ctx.storeId, push, { calls, failedCalls: counter.counts() }, decision.reason, step.delayMs);
          onDefer(new Date(Date.now() + step.delayMs));
          return 'deferred';
        }
        sleptMs += step.delayMs;
        await sleep(step.delayMs);
      }
    }
  }

  /**
   * A read of the channel's values for a push (before re-sending one whose outcome is unknown, or to value stale lines).
   * A failed read leaves the push pending for the next flush, and is counted on a sync run like a failed write.
   */
  async read(sink: Sink, ctx: ChannelContext, push: PushRow, pairs: ChannelStockPair[]): Promise<number[]> {
    try {
      return await sink.readStock(ctx, pairs);
    } catch (error) {
      const counter = this.policy.counter();
      const decision = counter.decide(error, 1);
      await this.runs.recordFailure(
        ctx.storeId,
        push,
        { calls: 1, failedCalls: counter.counts() },
        `reading the channel for push ${push.id}: ${decision.reason}`,
      );
      throw error;
    }
  }

  private async fail(storeId: string, push: PushRow, code: ChannelErrorCode, reason: string): Promise<void> {
    switch (code) {
      case ChannelErrorCode.AUTH_REVOKED:
        // The push stays pending: after reconnecting, it goes again under its key. (flush() marks the store.)
        return;
      case ChannelErrorCode.INVALID_DATA:
      case ChannelErrorCode.NOT_FOUND:
        this.logger.warn(`stock push ${push.id} for store ${storeId} refused: ${reason}`);
        await this.repository.refuse(storeId, push, reason);
        return;
      case ChannelErrorCode.TEMPORARY:
      case ChannelErrorCode.RATE_LIMITED:
      case ChannelErrorCode.UNKNOWN:
        // Timeouts and resets may have applied it: it stays pending and is re-sent under the same key later.
        this.logger.warn(`stock push ${push.id} for store ${storeId} not confirmed, will be re-sent: ${reason}`);
        return;
    }
  }
}
