import { setTimeout as sleep } from 'node:timers/promises';
import { Injectable, Logger } from '@nestjs/common';
import type { ChannelAdapter, ChannelContext } from '../channel/channel-adapter.interface';
import { DomainException } from '../errors/domain.exception';
import type { Store } from '../store/store.entity';
import { StoreStatus } from '../store/store-status.enum';
import { StoreService } from '../store/store.service';
import { StoreConnectionService } from '../store/store-connection.service';
import type { FailedCallCounter } from './failed-call.counter';
import { SyncFailurePolicy, type SyncDecision } from './sync-failure.policy';
import type { SyncRun } from './sync-run.entity';
import { SyncRunService, type SyncItemOutcome } from './sync-run.service';

// Longer delays are not slept through in-process: the run fails and its decision tells the caller when to reschedule.
const MAX_INLINE_DELAY_MS = 5_000;
const MAX_INLINE_WAITS = 10;

/** What a sync job gets: the store's adapter and context, a way to record items, and a guarded call. */
export interface SyncScope {
  run: SyncRun;
  store: Store;
  adapter: ChannelAdapter;
  ctx: ChannelContext;
  record(items: SyncItemOutcome[]): Promise<void>;
  /** Runs one adapter call, retrying and waiting in-process as the failure policy decides. */
  call<T>(operation: () => Promise<T>): Promise<T>;
}

export interface SyncResult<T> {
  run: SyncRun;
  result?: T;
  /** Set when the run failed: what the failure policy decided (retry or wait: reschedule after delayMs). */
  decision?: SyncDecision;
}

/** Drives any channel: opens a run, gives the job its store's context, records outcomes, and applies failure decisions. */
@Injectable()
export class SyncRunner {
  private readonly logger = new Logger(SyncRunner.name);

  constructor(
    private readonly stores: StoreService,
    private readonly connections: StoreConnectionService,
    private readonly runs: SyncRunService,
    private readonly policy: SyncFailurePolicy,
  ) {}

  async run<T>(
    storeId: string,
    kind: string,
    job: (scope: SyncScope) => Promise<T>,
    options: { trigger?: string } = {},
  ): Promise<SyncResult<T>> {
    const { store, adapter, context } = await this.stores.resolve(storeId);
    if (store.status !== StoreStatus.CONNECTED) {
      throw DomainException.conflict(`Store ${store.name} is ${store.status}; it does not sync until it is connected again`);
    }
    const run = await this.runs.start({ storeId, kind, ...(options.trigger ? { trigger: options.trigger } : {}) });
    // The decision of the last call that gave up, so the run ends on the decision the policy already made.
    const gaveUp: { error?: unknown; decision?: SyncDecision } = {};
    // Calls retried until they succeeded leave no item: the run counts them.
    const failures = this.policy.counter();
    const scope: SyncScope = {
      run,
      store,
      adapter,
      ctx: context,
      record: (items) => this.runs.recordItems(run.id, items),
      call: (operation) =>
        this.guarded(operation, failures, (error, decision) => {
          gaveUp.error = error;
          gaveUp.decision = decision;
        }),
    };
    try {
      const result = await job(scope);
      return { run: await this.runs.finish(run.id, { extraCounts: failures.counts() }), result };
    } catch (error) {
      // A call made outside scope.call (a paged read that cannot be resumed) is decided and counted here.
      const decision = gaveUp.decision && gaveUp.error === error ? gaveUp.decision : failures.decide(error, 1);
      if (decision.action === 'fail' && decision.markNeedsReauth) {
        await this.connections.markNeedsReauth(storeId);
      }
      this.logger.warn({ runId: run.id, storeId, kind, decision }, 'sync run failed');
      return {
        run: await this.runs.finish(run.id, { error: `${decision.code}: ${decision.reason}`, extraCounts: failures.counts() }),
        decision,
      };
    }
  }

  private async guarded<T>(
    operation: () => Promise<T>,
    counter: FailedCallCounter,
    onGiveUp: (error: unknown, decision: SyncDecision) => void,
  ): Promise<T> {
    let failures = 0;
    let waits = 0;
    for (;;) {
      try {
        return await operation();
      } catch (error) {
        const decision = counter.decide(error, failures + 1);
        if (decision.action === 'retry') {
          failures++;
        }
        if (
          decision.action === 'fail' ||
          decision.delayMs > MAX_INLINE_DELAY_MS ||
          (decision.action === 'wait' && ++waits > MAX_INLINE_WAITS)
        ) {
          onGiveUp(error, decision);
          throw error;
        }
        await sleep(decision.delayMs);
      }
    }
  }
}
