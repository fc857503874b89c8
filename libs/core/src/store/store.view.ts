import type { Store } from './store.entity';
import { toStockSyncView, type StoreStockSyncView } from './store-stock-sync.view';
import type { StoreStatus } from './store-status.enum';

/** A store as the API shows it: never its credentials. */
export interface StoreView {
  id: string;
  channel: string;
  name: string;
  externalAccountId: string;
  status: StoreStatus;
  /** The store this one feeds (a JOOR account's Shopify store); null for most channels. */
  targetStoreId: string | null;
  settings: Record<string, unknown>;
  /** Null for channels without stock sync. */
  stockSync: StoreStockSyncView | null;
  /** What stands in the way of the store's flows although they are switched on (e.g. stock sync with nothing mapped). */
  warnings: string[];
  scopes: string[];
  missingScopes: string[];
  connectedAt: Date | null;
  disconnectedAt: Date | null;
  /** When the store's newest sync run started or, once it ended, finished; null before its first run. */
  lastActivityAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

export function toStoreView(store: Store, pendingPairs = 0, warnings: string[] = [], lastActivityAt: Date | null = null): StoreView {
  return {
    id: store.id,
    channel: store.pluginKey,
    name: store.name,
    externalAccountId: store.externalAccountId,
    status: store.status,
    targetStoreId: store.targetStoreId,
    settings: store.settings,
    stockSync: toStockSyncView(store, pendingPairs),
    warnings,
    scopes: store.scopes,
    missingScopes: store.missingScopes,
    connectedAt: store.connectedAt,
    disconnectedAt: store.disconnectedAt,
    lastActivityAt,
    createdAt: store.createdAt,
    updatedAt: store.updatedAt,
  };
}
