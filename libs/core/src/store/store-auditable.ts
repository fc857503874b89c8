import type { Store } from './store.entity';

// What the audit log keeps of a store: everything but its credentials (never loaded here) and timestamps.
export function auditable(s: Store): Record<string, unknown> {
  const { name, pluginKey, externalAccountId, status, settings, targetStoreId, scopes, missingScopes } = s;
  return { name, pluginKey, externalAccountId, status, settings, targetStoreId, scopes, missingScopes };
}
