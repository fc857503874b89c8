import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/api-client';
import type { SyncRunFilter } from './sync-run-filters';

export type SyncRunStatus = 'running' | 'succeeded' | 'partial' | 'failed';

/** GET /sync-runs answers these (SyncRunResponse). */
export interface SyncRun {
  id: string;
  storeId: string | null;
  kind: string;
  status: SyncRunStatus;
  trigger: string;
  startedAt: string;
  finishedAt: string | null;
  counts: Record<string, number>;
  error: string | null;
}

export interface SyncRunItem {
  id: string;
  syncRunId: string;
  externalRef: string | null;
  sku: string | null;
  outcome: string;
  reason: string | null;
  createdAt: string;
}

export interface SyncRunDetail extends SyncRun {
  /** The run's first 1,000 items, in the order they were recorded (the API shows no more). */
  items: SyncRunItem[];
}

export interface StoreSummary {
  id: string;
  name: string;
  channel: string;
  status: string;
}

export const syncRunKeys = {
  all: ['sync-runs'] as const,
  list: (filter: SyncRunFilter) => ['sync-runs', 'list', filter] as const,
  detail: (id: string) => ['sync-runs', 'detail', id] as const,
};

/** Runs newest first; `refetchMs` keeps a page live while something runs. */
export function useSyncRuns(filter: SyncRunFilter, options: { refetchMs?: number | false; enabled?: boolean } = {}) {
  return useQuery({
    queryKey: syncRunKeys.list(filter),
    queryFn: () =>
      api.get<SyncRun[]>('/sync-runs', {
        storeId: filter.storeId,
        kind: filter.kind,
        status: filter.status,
        limit: filter.limit,
      }),
    refetchInterval: options.refetchMs ?? false,
    enabled: options.enabled ?? true,
  });
}

/** One run with its items; polled every second while it runs, so its counts move. */
export function useSyncRun(id: string | null) {
  return useQuery({
    queryKey: syncRunKeys.detail(id ?? ''),
    queryFn: () => api.get<SyncRunDetail>(`/sync-runs/${id}`),
    enabled: !!id,
    refetchInterval: (query) => (query.state.data?.status === 'running' ? 1000 : false),
  });
}

/** Every store, for the store filter and to name a run's store. */
export function useStores() {
  return useQuery({ queryKey: ['stores'], queryFn: () => api.get<StoreSummary[]>('/stores'), staleTime: 30_000 });
}
