import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/api-client';
import {
  retrySource,
  retryTargets,
  type ChannelOrderLite,
  type ChannelReturnLite,
  type ExportLite,
  type FulfillmentPushLite,
  type RetryRows,
  type RetryTarget,
} from './retry-targets';
import { syncRunKeys, type SyncRun } from './sync-runs.api';

// The lists answer newest first; a run's stuck items are almost always among the latest 500.
const LIMIT = 500;

async function loadRows(run: SyncRun): Promise<RetryRows | null> {
  const source = retrySource(run.kind);
  if (!source || !run.storeId) {
    return null;
  }
  switch (source) {
    case 'exports':
      return { source, rows: await api.get<ExportLite[]>('/exports', { storeId: run.storeId, limit: LIMIT }) };
    case 'channel-orders':
      return { source, rows: await api.get<ChannelOrderLite[]>(`/stores/${run.storeId}/channel-orders`, { limit: LIMIT }) };
    case 'channel-returns':
      return { source, rows: await api.get<ChannelReturnLite[]>(`/stores/${run.storeId}/channel-returns`, { limit: LIMIT }) };
    case 'fulfillment-pushes':
      return { source, rows: await api.get<FulfillmentPushLite[]>(`/stores/${run.storeId}/fulfillment-pushes`, { limit: LIMIT }) };
  }
}

/** What each item of the run can be retried through, by the channel id it names (empty for kinds without retry). */
export function useRetryTargets(run: SyncRun | undefined) {
  return useQuery({
    queryKey: ['retry-targets', run?.id, run?.kind, run?.storeId],
    queryFn: async () => {
      const rows = run ? await loadRows(run) : null;
      return rows ? retryTargets(rows) : new Map<string, RetryTarget>();
    },
    enabled: !!run && retrySource(run.kind) !== null && !!run.storeId,
  });
}

/** POSTs the retry; afterwards the targets and runs are read again (the item may no longer be stuck). */
export function useRetry() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (target: RetryTarget) => api.post<unknown>(target.path),
    onSettled: async () => {
      await Promise.all([
        client.invalidateQueries({ queryKey: ['retry-targets'] }),
        client.invalidateQueries({ queryKey: syncRunKeys.all }),
      ]);
    },
  });
}
