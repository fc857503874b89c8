import { useInfiniteQuery } from '@tanstack/react-query';
import { api } from '../../api/api-client';
import { auditApiQuery, type AuditActorKind, type AuditFilter } from './audit-filters';

/** One entry as GET /audit-log answers it (AuditEntryResponse). */
export interface AuditEntry {
  id: string;
  occurredAt: string;
  actor: { kind: AuditActorKind; id: string | null; label: string };
  action: string;
  targetType: string;
  targetId: string | null;
  storeId: string | null;
  before: unknown;
  after: unknown;
  requestId: string | null;
}

export interface AuditLogPage {
  items: AuditEntry[];
  nextCursor: string | null;
}

export const PAGE_SIZE = 50;

export const auditKeys = {
  all: ['audit-log'] as const,
  list: (filter: AuditFilter) => ['audit-log', 'list', filter] as const,
};

/** Entries newest first, a page at a time: `fetchNextPage` adds the next older page. */
export function useAuditLog(filter: AuditFilter) {
  return useInfiniteQuery({
    queryKey: auditKeys.list(filter),
    queryFn: ({ pageParam }) =>
      api.get<AuditLogPage>('/audit-log', { ...auditApiQuery(filter), limit: PAGE_SIZE, cursor: pageParam ?? undefined }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
}
