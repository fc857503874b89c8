import type { SyncDecision } from '../../sync-run/sync-failure.policy';

/**
 * How long a flush may hold its worker slot waiting for one store. A wait of `sleepMs` or more (Shopify's THROTTLED
 * asks for at least a second), or waits adding up past `slotMs` for one push, and the push is put aside instead
 * (deferred) and the slot goes to other stores: a store the channel keeps throttling holds a slot for about a second
 * per round, not for the whole throttle. The channel's own pacing (a cost bucket) may hold a call up to `sleepMs`. A
 * flush also hands its slot over after `sliceMs` of work when other stores are queued.
 */
export const STOCK_PUSH_PACING = { sleepMs: 1_000, slotMs: 1_000, sliceMs: 3_000 } as const;

export type PacingStep =
  { action: 'sleep'; delayMs: number; counted: boolean } | { action: 'defer'; delayMs: number; counted: boolean } | { action: 'give-up' };

/**
 * What a stock push does after a failed call, given the failure policy's decision: wait in place (short), put the push
 * aside until the wait is over (long: the store flushes nothing meanwhile), or give up (the policy failed it, or a
 * retry could apply a change twice). `counted` says whether the failure counts towards the policy's attempts (a
 * throttled call applied nothing and does not).
 */
export function pacePush(decision: SyncDecision, sleptMs: number, blindRetryIsSafe: boolean): PacingStep {
  if (decision.action === 'fail' || (decision.action === 'retry' && !blindRetryIsSafe)) {
    return { action: 'give-up' };
  }
  const counted = decision.action === 'retry';
  if (decision.delayMs < STOCK_PUSH_PACING.sleepMs && sleptMs + decision.delayMs <= STOCK_PUSH_PACING.slotMs) {
    return { action: 'sleep', delayMs: decision.delayMs, counted };
  }
  return { action: 'defer', delayMs: decision.delayMs, counted };
}
