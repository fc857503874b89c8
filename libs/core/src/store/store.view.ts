import type { Store } from './store.entity';
import type { StoreStatus } from './store-status.enum';

/** A store as the API shows it: never its credentials. */
export interface StoreView {
  id: string;
  channel: string;
  name: string;
  externalAccountId: string;
  status: StoreStatus;
  settings: Record<string, unknown>;
  scopes: string[];
  missingScopes: string[];
  connectedAt: Date | null;
  disconnectedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

export function toStoreView(store: Store): StoreView {
  return {
    id: store.id,
    channel: store.pluginKey,
    name: store.name,
    externalAccountId: store.externalAccountId,
    status: store.status,
    settings: store.settings,
    scopes: store.scopes,
    missingScopes: store.missingScopes,
    connectedAt: store.connectedAt,
    disconnectedAt: store.disconnectedAt,
    createdAt: store.createdAt,
    updatedAt: store.updatedAt,
  };
}
