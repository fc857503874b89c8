import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/api-client';

/** GET /stores/:id/stock-sync (StockSyncHealthResponse). */
export interface StockSyncHealth {
  state: 'unsupported' | 'off' | 'paused' | 'applying' | 'catching-up' | 'live';
  reason: string;
  trackedPairs: number;
  pendingPairs: number;
  oldestPendingAt: string | null;
  lagSeconds: number | null;
  lastPushAt: string | null;
  failedPushes24h: number;
  lastReconcile: { runId: string; status: string; at: string; checked: number; drifted: number } | null;
}

export function useStockSyncHealth(storeId: string) {
  return useQuery({
    queryKey: ['stock-sync-health', storeId],
    queryFn: () => api.get<StockSyncHealth>(`/stores/${storeId}/stock-sync`),
    refetchInterval: 10_000,
  });
}
