import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/api-client';

export type StoreStatus = 'connected' | 'needs_reauth' | 'disconnected';

/** Where a store's stock sync stands (GET /stores: `stockSync`). */
export interface StockSyncView {
  state: 'live' | 'paused' | 'catching-up';
  reason: string | null;
  pendingPairs: number;
}

/** A store as GET /stores/:id answers it (never its credentials). */
export interface Store {
  id: string;
  channel: string;
  name: string;
  externalAccountId: string;
  status: StoreStatus;
  targetStoreId: string | null;
  settings: Record<string, unknown>;
  stockSync: StockSyncView | null;
  warnings: string[];
  scopes: string[];
  missingScopes: string[];
  connectedAt: string | null;
  disconnectedAt: string | null;
  lastActivityAt: string | null;
  createdAt: string;
  updatedAt: string;
}

/** A sync run as the "sync now" endpoints answer it (enough to say how it went and link to it). */
export interface StartedSyncRun {
  id: string;
  kind: string;
  status: string;
}

// Shared with other features' panels, which invalidate these keys after changing a store.
export const STORES_KEY = ['stores'] as const;
export const storeKey = (id: string) => ['stores', id] as const;

export const fetchStores = () => api.get<Store[]>('/stores');

export function useStores() {
  return useQuery({ queryKey: STORES_KEY, queryFn: fetchStores });
}

export function useStore(id: string) {
  return useQuery({ queryKey: storeKey(id), queryFn: () => api.get<Store>(`/stores/${encodeURIComponent(id)}`) });
}

/** Invalidates the list and the one store after a change. */
function useStoreChanged() {
  const client = useQueryClient();
  return async (id?: string) => {
    await client.invalidateQueries({ queryKey: STORES_KEY, exact: true });
    if (id) {
      await client.invalidateQueries({ queryKey: storeKey(id) });
    }
  };
}

/** POST /stores/shopify: creates (or finds) the store and answers Shopify's install page to send the browser to. */
export function useConnectShopify() {
  return useMutation({
    mutationFn: (body: { shopDomain: string }) => api.post<{ storeId: string; authorizeUrl: string }>('/stores/shopify', body),
  });
}

/** POST /stores/joor: connects (or reconnects) a JOOR account by token, exporting to a Shopify store. */
export function useConnectJoor() {
  const changed = useStoreChanged();
  return useMutation({
    mutationFn: (body: { name: string; apiToken: string; shopifyStoreId: string }) => api.post<Store>('/stores/joor', body),
    onSuccess: (store) => changed(store.id),
  });
}

export function useDisconnectStore(id: string) {
  const changed = useStoreChanged();
  return useMutation({
    mutationFn: () => api.post<Store>(`/stores/${encodeURIComponent(id)}/disconnect`),
    onSuccess: () => changed(id),
  });
}

export function useDeleteStore(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api.delete<void>(`/stores/${encodeURIComponent(id)}`),
    onSuccess: async () => {
      client.removeQueries({ queryKey: storeKey(id) });
      await client.invalidateQueries({ queryKey: STORES_KEY, exact: true });
    },
  });
}

/** One of the "sync now" endpoints (stock reconcile, order import, JOOR export), by its path under the store. */
export function useSyncNow(id: string) {
  const changed = useStoreChanged();
  return useMutation({
    mutationFn: ({ path, body }: { path: string; body?: unknown }) =>
      api.post<StartedSyncRun>(`/stores/${encodeURIComponent(id)}/${path}`, body),
    onSuccess: () => changed(id),
  });
}
