import { ChannelAdapterException } from '../channel/channel-adapter.exception';
import type { SyncDecision, SyncFailurePolicy } from './sync-failure.policy';

/**
 * The failed channel calls of one sync run, each decided by the failure policy. A call that failed and was retried
 * (or waited on) until it succeeded leaves no failed item behind, so the run counts it: `failedCalls` (every channel
 * call that failed: an error, a lost answer or a throttled call) and `throttledCalls` (those of them the channel
 * throttled), in the run's counts when there were any. The reason is the run's error or its items' reasons.
 */
export class FailedCallCounter {
  private failed = 0;
  private throttled = 0;

  constructor(private readonly policy: SyncFailurePolicy) {}

  /** The policy's decision on a failed call, counted when the channel raised it (a warehouse refusal is no call). */
  decide(error: unknown, attempt: number): SyncDecision {
    const decision = this.policy.decide(error, attempt);
    // A wait our own pacing asked for (the call was never sent, see ChannelContext.maxPacingWaitMs) is no failed call.
    if (error instanceof ChannelAdapterException && error.details?.pacedLocally !== true) {
      this.failed++;
      if (decision.action === 'wait') {
        this.throttled++;
      }
    }
    return decision;
  }

  /** What the run adds to its counts: nothing when every call succeeded at once. */
  counts(): Record<string, number> {
    if (this.failed === 0) {
      return {};
    }
    return this.throttled > 0 ? { failedCalls: this.failed, throttledCalls: this.throttled } : { failedCalls: this.failed };
  }
}
