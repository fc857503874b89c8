import type { StoreSyncSnapshot } from '../../outbox/outbox-topic';

/**
 * What a store change means for its stock sync:
 * - `start`: first sync (new store, or reconnected after a disconnect): absolute pushes every pair, delta takes the
 *   warehouse's values as its baseline and pushes nothing;
 * - `enable`: switched on again: absolute pushes every pair; delta pushes what changed since its last sync (pairs
 *   never synced take a baseline);
 * - `resume`: back from needs_reauth: absolute pushes every pair; delta pushes what changed meanwhile;
 * - `rebaseline`: absolute → delta: what absolute mode last set is the baseline (never-synced pairs take the
 *   warehouse's value); nothing is pushed beyond changes still waiting;
 * - `push-all`: delta → absolute: every pair is set to the warehouse's value;
 * - `forget`: disconnected or removed: the store's sync state goes (a reconnect starts afresh);
 * - `none`: nothing to do now (paused stores keep recording changes).
 */
export type StockLifecycleAction = 'start' | 'enable' | 'resume' | 'rebaseline' | 'push-all' | 'forget' | 'none';

const active = (s: StoreSyncSnapshot | null): boolean => s?.status === 'connected' && s.stockSync?.enabled === true;

export function decideStockLifecycle(before: StoreSyncSnapshot | null, after: StoreSyncSnapshot | null): StockLifecycleAction {
  if (after === null) {
    return 'forget';
  }
  if (after.status === 'disconnected') {
    return before === null || before.status === 'disconnected' ? 'none' : 'forget';
  }
  if (!active(after) || !after.stockSync) {
    return 'none';
  }
  if (before === null || before.status === 'disconnected') {
    return 'start';
  }
  const modeChanged = before.stockSync !== null && before.stockSync.mode !== after.stockSync.mode;
  if (modeChanged) {
    return after.stockSync.mode === 'delta' ? 'rebaseline' : 'push-all';
  }
  if (active(before)) {
    return 'none';
  }
  return before.status === 'needs_reauth' && before.stockSync?.enabled === true ? 'resume' : 'enable';
}
