import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/api-client';

export type ExportStatus = 'pending' | 'in_flight' | 'exported' | 'failed';

/** An export of a JOOR order to Shopify (GET /exports). */
export interface WholesaleExport {
  id: string;
  storeId: string;
  targetStoreId: string;
  sourceOrderId: string;
  generation: number;
  status: ExportStatus;
  origin: string;
  requestedBy: string | null;
  sinkOrder: { id: string; name: string | null } | null;
  supersedesOrderId: string | null;
  failure: { code: string; reason: string | null; retry: string | null } | null;
  note: string | null;
  attempts: number;
  dueAt: string | null;
  exportedAt: string | null;
  markedAt: string | null;
  alertedAt: string | null;
  createdAt: string;
  updatedAt: string;
  sourceOrder: Record<string, unknown> | null;
}

export interface WholesaleExportDetail extends WholesaleExport {
  /** Every export of the same JOOR order, oldest first. */
  history: WholesaleExport[];
}

export interface ExportFilter {
  storeId?: string;
  status?: ExportStatus;
  sourceOrderId?: string;
  limit: number;
}

export function useExports(filter: ExportFilter) {
  return useQuery({ queryKey: ['exports', 'list', filter], queryFn: () => api.get<WholesaleExport[]>('/exports', { ...filter }) });
}

export function useExport(id: string) {
  return useQuery({ queryKey: ['exports', 'detail', id], queryFn: () => api.get<WholesaleExportDetail>(`/exports/${id}`) });
}

/** POST /exports/:id/re-export: a new Shopify order from the JOOR order's current state (409 while the last one is live). */
export function useReExport() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.post<WholesaleExport>(`/exports/${id}/re-export`),
    onSuccess: () => client.invalidateQueries({ queryKey: ['exports'] }),
  });
}

/** POST /exports/:id/retry: a failed export is tried again now. */
export function useRetryExport() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.post<WholesaleExport>(`/exports/${id}/retry`),
    onSettled: () => client.invalidateQueries({ queryKey: ['exports'] }),
  });
}
