import type { Store } from './store.entity';
import { StoreStatus } from './store-status.enum';

/** Where a store's stock sync stands, for people: live, paused (and why), or catching up (with what is pending). */
export interface StoreStockSyncView {
  state: 'live' | 'paused' | 'catching-up';
  reason: string | null;
  /** Pairs (channel location × item) whose warehouse change is not on the channel yet. */
  pendingPairs: number;
}

/** Null for a channel without stock sync settings. */
export function toStockSyncView(store: Store, pendingPairs: number): StoreStockSyncView | null {
  const settings = store.settings.stockSync as { enabled?: unknown } | undefined;
  if (!settings || typeof settings.enabled !== 'boolean') {
    return null;
  }
  if (store.status === StoreStatus.DISCONNECTED) {
    return { state: 'paused', reason: 'The store is disconnected; connecting it again starts stock sync afresh', pendingPairs };
  }
  if (store.status === StoreStatus.NEEDS_REAUTH) {
    return { state: 'paused', reason: 'The channel refused our access: connect the store again; changes meanwhile go then', pendingPairs };
  }
  if (!settings.enabled) {
    return { state: 'paused', reason: 'Stock sync is switched off; changes meanwhile go when it is switched on', pendingPairs };
  }
  return pendingPairs > 0 ? { state: 'catching-up', reason: null, pendingPairs } : { state: 'live', reason: null, pendingPairs };
}
