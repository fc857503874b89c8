/**
 * A store's stock sync health as people read it, decided from what the engine's tables say. Pure, so it is unit-tested.
 */

export type StockSyncState = 'unsupported' | 'off' | 'paused' | 'applying' | 'catching-up' | 'live';

export interface StockSyncFacts {
  storeName: string;
  storeStatus: string;
  /** The store's stockSync settings; absent when its channel takes no stock. */
  stockSync: { enabled?: unknown; windowSeconds?: unknown } | null;
  /** A lifecycle change (connect, settings, mappings) not applied yet. */
  lifecyclePending: boolean;
  pendingPairs: number;
  oldestPendingAt: Date | null;
  now: Date;
}

// Past the window, a push also waits for its batch and the channel's rate limit: this much more is still on time.
const GRACE_SECONDS = 60;

/** Whole seconds since `since` (never negative: clocks of two hosts may disagree a little); null without a date. */
export function lagSeconds(since: Date | null, now: Date): number | null {
  if (!since) {
    return null;
  }
  return Math.max(0, Math.floor((now.getTime() - since.getTime()) / 1000));
}

function windowOf(stockSync: StockSyncFacts['stockSync']): number {
  const value = Number(stockSync?.windowSeconds);
  return Number.isFinite(value) && value > 0 ? value : 30;
}

/** The state and a sentence saying why. */
export function stockSyncState(facts: StockSyncFacts): { state: StockSyncState; reason: string } {
  if (!facts.stockSync) {
    return { state: 'unsupported', reason: `${facts.storeName}'s channel takes no stock` };
  }
  if (facts.storeStatus !== 'connected') {
    return {
      state: 'paused',
      reason: `The store is ${facts.storeStatus.replace(/_/g, ' ')}; stock waits until it is connected again`,
    };
  }
  if (facts.stockSync.enabled !== true) {
    return { state: 'off', reason: "Stock sync is off in the store's settings" };
  }
  if (facts.lifecyclePending) {
    return { state: 'applying', reason: 'Applying a change (connect, settings or mappings) before pushing again' };
  }
  const lag = lagSeconds(facts.oldestPendingAt, facts.now);
  const window = windowOf(facts.stockSync);
  if (facts.pendingPairs > 0 && lag !== null && lag > window + GRACE_SECONDS) {
    return {
      state: 'catching-up',
      reason: `The oldest change has waited ${lag} s, longer than the ${window} s window; ${facts.pendingPairs} pending`,
    };
  }
  if (facts.pendingPairs > 0) {
    return {
      state: 'live',
      reason: `${facts.pendingPairs} change${facts.pendingPairs === 1 ? '' : 's'} waiting for the ${window} s window`,
    };
  }
  return { state: 'live', reason: 'Every stock change is on the channel' };
}

/** Items of a reconcile run by outcome: how many pairs it compared and how many differed. */
export function reconcileCounts(counts: Record<string, number>): { checked: number; drifted: number } {
  const drifted = counts['drift'] ?? 0;
  return { checked: drifted + (counts['in-sync'] ?? 0), drifted };
}
