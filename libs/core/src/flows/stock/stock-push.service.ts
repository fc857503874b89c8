import { Injectable } from '@nestjs/common';
import type { ChannelAdapter, ChannelContext, StockSink } from '../../channel/channel-adapter.interface';
import { ChannelAdapterException } from '../../channel/channel-adapter.exception';
import { ChannelErrorCode } from '../../channel/channel-error-code.enum';
import { StoreStatus } from '../../store/store-status.enum';
import { StoreService } from '../../store/store.service';
import { StoreConnectionService } from '../../store/store-connection.service';
import { StockFlushReadiness } from './stock-flush.readiness';
import { StockPushRepository, type PushRow } from './stock-push.repository';
import { linesToSend, unknownDeltaOutcome, type PushOutcome } from './stock-push.outcome';
import { StockPushRunRecorder } from './stock-push-run.recorder';
import { StockSinkDirectory } from './stock-sink.directory';
import { STOCK_ORDER_WAIT } from './stock-order-wait.policy';
import { StockPushCaller } from './stock-push.caller';
import { STOCK_PUSH_PACING } from './stock-push.pacing';
import type { WithStockSyncSettings } from './stock-sync.settings';

// A backlog (the first push of a large store, a catch-up) goes out on up to this many lanes at once; the claims skip
// each other's locked pairs, and the channel's pacing (e.g. Shopify's cost bucket) still holds every call.
const MAX_LANES = 6;

export interface FlushOutcome {
  pushes: number;
  lines: number;
  stale: number;
  /** Set when a push was put aside to wait out the channel's pacing: the store flushes nothing until then. */
  deferredUntil?: Date;
}

export interface FlushOptions {
  /** True when other stores wait for a slot: a long flush then hands its slot over after a slice of work. */
  othersWaiting?: () => Promise<boolean>;
}

/** One flush's shared state across its lanes. */
interface FlushState {
  outcome: FlushOutcome;
  startedAt: number;
  options: FlushOptions;
  /** Set once a lane decided to stop (a push put aside, the slice over): the other lanes claim nothing more. */
  stopping: boolean;
}

type Sink = ChannelAdapter & StockSink;

/**
 * Sends a store's due stock changes to its channel through the `StockSink` capability, one batch per call. A push is
 * written down before it is sent, so after a crash the same lines go again under the same idempotency key and apply
 * once; the one failure policy decides retries, waits and failures.
 */
@Injectable()
export class StockPushService {
  constructor(
    private readonly stores: StoreService,
    private readonly connections: StoreConnectionService,
    private readonly repository: StockPushRepository,
    private readonly runs: StockPushRunRecorder,
    private readonly readiness: StockFlushReadiness,
    private readonly caller: StockPushCaller,
  ) {}

  /** Pushes everything due for the store now (or until it must wait, or its slice is over); returns what it sent. */
  async flush(storeId: string, options: FlushOptions = {}): Promise<FlushOutcome> {
    const outcome: FlushOutcome = { pushes: 0, lines: 0, stale: 0 };
    const state: FlushState = { outcome, startedAt: Date.now(), options, stopping: false };
    const store = await this.stores.get(storeId);
    if (store.status !== StoreStatus.CONNECTED) {
      return outcome;
    }
    const held = await this.repository.heldUntil(storeId);
    if (held) {
      outcome.deferredUntil = held;
      return outcome;
    }
    const { adapter, context: ctx, store: resolved } = await this.stores.resolve(storeId);
    const sink = StockSinkDirectory.asSink(adapter);
    const settings = (ctx.settings as Partial<WithStockSyncSettings>).stockSync;
    if (!sink || !settings?.enabled || (await this.readiness.lifecyclePending(storeId))) {
      return outcome;
    }
    try {
      // Lane one first re-sends what an interruption left pending (pushes older than this flush); every lane claims.
      const maxBatch = sink.stockTraits.maxBatch;
      const upToId = await this.repository.lastPushId(storeId);
      const lanes = Math.max(1, Math.min(MAX_LANES, Math.floor((await this.readiness.dueCount(storeId, maxBatch * MAX_LANES)) / maxBatch)));
      const results = await Promise.allSettled(
        Array.from({ length: lanes }, (_, lane) =>
          lane === 0 ? this.flushLoop(sink, ctx, state, upToId) : this.extraLane(sink, ctx, state),
        ),
      );
      const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
      if (failed) {
        throw failed.reason;
      }
    } catch (error) {
      if (error instanceof ChannelAdapterException && error.code === ChannelErrorCode.AUTH_REVOKED) {
        // A stale compare-and-set re-reads the channel, which meets a revoked token too. Only these credentials are
        // refused: a reconnect while this flush ran keeps the store connected.
        await this.connections.markNeedsReauth(storeId, resolved.connectedAt);
      }
      throw error;
    }
    return outcome;
  }

  private async flushLoop(sink: Sink, ctx: ChannelContext, state: FlushState, pendingUpTo: string | null): Promise<void> {
    const { mode, windowSeconds } = (ctx.settings as WithStockSyncSettings).stockSync;
    if (!sink.stockTraits.modes.includes(mode)) {
      throw new ChannelAdapterException(ChannelErrorCode.INVALID_DATA, `${sink.name} does not accept ${mode} stock writes`);
    }
    // Only a crash or an unconfirmed send leaves a push pending, and either ends a flush: look until none is left.
    let lookForPending = pendingUpTo !== null;
    const maxBatch = sink.stockTraits.maxBatch;
    for (let first = true, lastFull = false; ; first = false) {
      if (!first && (await this.shouldStop(state))) {
        return;
      }
      const pending: PushRow | null = lookForPending && pendingUpTo ? await this.repository.pendingPush(ctx.storeId, pendingUpTo) : null;
      lookForPending = pending !== null;
      // The job was enqueued because a batch was ready; after that, a partial remainder may wait for company. In a
      // backlog (the last batch was full and another full one is due) the whole readiness rule is not needed.
      if (!pending && !first && !(await this.dueNow(ctx.storeId, maxBatch, lastFull))) {
        return;
      }
      const push = pending
        ? await this.beforeResend(sink, ctx, pending)
        : await this.repository.claim(ctx.storeId, mode, sink.stockTraits, windowSeconds);
      if (push === 'settled') {
        continue;
      }
      if (!push) {
        return;
      }
      lastFull = push.lines.length >= maxBatch;
      await this.send(sink, ctx, push, windowSeconds, state);
    }
  }

  // Another lane of a backlog: full batches only, while a full batch is due; partial ones stay with the first lane.
  private async extraLane(sink: Sink, ctx: ChannelContext, state: FlushState): Promise<void> {
    const { mode, windowSeconds } = (ctx.settings as WithStockSyncSettings).stockSync;
    const maxBatch = sink.stockTraits.maxBatch;
    while (!(await this.shouldStop(state)) && (await this.readiness.dueCount(ctx.storeId, maxBatch)) >= maxBatch) {
      const push = await this.repository.claim(ctx.storeId, mode, sink.stockTraits, windowSeconds, true);
      if (push === 'settled') {
        continue;
      }
      if (!push) {
        return;
      }
      await this.send(sink, ctx, push, windowSeconds, state);
    }
  }

  // A lane stops claiming once another put a push aside, or after a slice of work while other stores wait for a slot:
  // what is left stays due and the scheduler brings the store back behind them.
  private async shouldStop(state: FlushState): Promise<boolean> {
    if (!state.stopping && Date.now() - state.startedAt >= STOCK_PUSH_PACING.sliceMs && (await state.options.othersWaiting?.())) {
      state.stopping = true;
    }
    return state.stopping;
  }

  private async dueNow(storeId: string, maxBatch: number, lastFull: boolean): Promise<boolean> {
    return (lastFull && (await this.readiness.dueCount(storeId, maxBatch)) >= maxBatch) || this.readiness.isReady(storeId);
  }

  /**
   * A recorded push whose outcome is unknown. With idempotency keys it simply goes again under its key. Without
   * them, a delta push is settled by reading the channel first: never sent blind a second time.
   */
  private async beforeResend(sink: Sink, ctx: ChannelContext, push: PushRow): Promise<PushRow | 'settled'> {
    if (sink.stockTraits.idempotencyKeys || push.mode === 'absolute') {
      return push;
    }
    const sent = linesToSend(push.mode, push.lines);
    const now = await this.caller.read(sink, ctx, push, sent);
    const outcome: PushOutcome = { applied: [], stale: [], retry: [], failed: [] };
    sent.forEach((line, i) => {
      const value = now[i] ?? 0;
      const verdict = unknownDeltaOutcome(line, line.channelBefore, value);
      if (verdict === 'applied') {
        outcome.applied.push({ line, channelQuantity: value });
      } else if (verdict === 'not-applied') {
        outcome.retry.push({ line, reason: 'not applied before the interruption; sent again' });
      } else {
        // Learn the channel's value: the next push computes its change from there, the difference is drift.
        outcome.stale.push({ line, channelQuantity: value });
      }
    });
    const windowSeconds = (ctx.settings as WithStockSyncSettings).stockSync.windowSeconds;
    await this.repository.settle(ctx.storeId, push, windowSeconds, outcome, { attempts: 0, cost: null, staleGraceSeconds: 0 });
    await this.runs.record(ctx.storeId, push.mode, outcome, { calls: 0, cost: null });
    return 'settled';
  }

  /** Sends one recorded push, retrying as the failure policy says under the same key, and records what came of it. */
  private async send(sink: Sink, ctx: ChannelContext, push: PushRow, windowSeconds: number, state: FlushState): Promise<void> {
    const answer = await this.caller.call(sink, ctx, push, (until) => {
      // The others lanes claim nothing more; the store waits until the latest push put aside may go.
      state.stopping = true;
      state.outcome.deferredUntil =
        state.outcome.deferredUntil && state.outcome.deferredUntil > until ? state.outcome.deferredUntil : until;
    });
    if (answer === 'deferred') {
      return;
    }
    const { outcome, calls, cost, failedCalls } = answer;
    // From here on the channel has answered: a failure leaves the push pending, to be settled (by its key, or by a
    // read for a sink without keys) when the store flushes again; never sent blind.
    await this.learnStale(sink, ctx, push, outcome);
    await this.repository.settle(ctx.storeId, push, windowSeconds, outcome, {
      attempts: calls,
      cost,
      staleGraceSeconds: STOCK_ORDER_WAIT.maxSeconds,
    });
    await this.runs.record(ctx.storeId, push.mode, outcome, { calls, cost, failedCalls });
    state.outcome.pushes += 1;
    state.outcome.lines += push.lines.length;
    state.outcome.stale += outcome.stale.length;
  }

  // Stale lines the channel did not value: read them (one call for the batch) before settling.
  private async learnStale(sink: Sink, ctx: ChannelContext, push: PushRow, outcome: PushOutcome): Promise<void> {
    const unknown = outcome.stale.filter((s) => s.channelQuantity === null);
    if (unknown.length === 0) {
      return;
    }
    const values = await this.caller.read(
      sink,
      ctx,
      push,
      unknown.map((s) => s.line),
    );
    unknown.forEach((s, i) => {
      s.channelQuantity = values[i] ?? 0;
    });
  }
}
