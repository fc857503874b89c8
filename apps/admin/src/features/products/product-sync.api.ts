import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/api-client';
import { syncRunKeys, type SyncRun } from '../activity/sync-runs.api';

export const PRODUCT_SYNC_KIND = 'product-sync';

/** GET /stores/:id/product-mappings (ProductMappingResponse). */
export interface ProductMapping {
  productId: string;
  sku: string | null;
  shopifyProductId: string;
  shopifyVariantId: string;
  inventoryItemId: string | null;
}

/** POST /stores/:id/product-sync answers the finished run (ProductSyncResponse). */
export interface ProductSyncResult {
  id: string;
  status: string;
  error: string | null;
  counts: { mapped: number; created: number; skipped: number; unchanged: number };
}

const latestKey = (storeId: string) => ['product-sync', 'latest', storeId] as const;

/**
 * The store's two latest product syncs (the newest, and the one before it for the progress estimate). Polled every
 * second while a sync is being started or runs, so a run started elsewhere (another tab, the API) shows too.
 */
export function useLatestProductSyncs(storeId: string, starting: boolean) {
  return useQuery({
    queryKey: latestKey(storeId),
    queryFn: () => api.get<SyncRun[]>('/sync-runs', { storeId, kind: PRODUCT_SYNC_KIND, limit: 2 }),
    refetchInterval: (query) => (starting || query.state.data?.[0]?.status === 'running' ? 1000 : false),
  });
}

/**
 * Starts a sync. The API answers only when the run has finished (minutes on a large shop), so the panel does not
 * wait on this request: it follows the run through the polls above while the request is open.
 */
export function useStartProductSync(storeId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<ProductSyncResult>(`/stores/${storeId}/product-sync`),
    onSettled: async () => {
      await Promise.all([
        client.invalidateQueries({ queryKey: latestKey(storeId) }),
        client.invalidateQueries({ queryKey: syncRunKeys.all }),
        client.invalidateQueries({ queryKey: ['product-mappings', storeId] }),
      ]);
    },
  });
}

/** One page of mappings; `size + 1` rows are asked for, so the extra one says whether a next page exists. */
export function useProductMappings(storeId: string, offset: number, size: number, search: string) {
  return useQuery({
    queryKey: ['product-mappings', storeId, offset, size, search],
    queryFn: () =>
      api.get<ProductMapping[]>(`/stores/${storeId}/product-mappings`, { offset, limit: size + 1, ...(search ? { search } : {}) }),
    placeholderData: keepPreviousData,
  });
}
