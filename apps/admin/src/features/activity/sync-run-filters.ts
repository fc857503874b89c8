/** The activity page's filters, kept in the URL query string; pure, so it is unit-tested. */

import type { SyncRun, SyncRunStatus } from './sync-runs.api';

export interface SyncRunFilter {
  storeId?: string;
  kind?: string;
  status?: SyncRunStatus;
  limit: number;
}

/** The kinds of run the API records (GET /sync-runs?kind=). */
export const RUN_KINDS = [
  'product-sync',
  'stock-push',
  'stock-reconcile',
  'stock-channel-edit',
  'order-import',
  'fulfillment-push',
  'return-sync',
  'return-reconcile',
  'wholesale-export',
] as const;

export const RUN_STATUSES: SyncRunStatus[] = ['running', 'succeeded', 'partial', 'failed'];
export const RUN_LIMITS = [25, 50, 100, 250, 500];
export const DEFAULT_LIMIT = 50;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const KIND = /^[a-z][a-z0-9-]{0,63}$/;

/** What the query string asks for; anything the API would refuse is dropped rather than shown as an error. */
export function parseFilter(params: URLSearchParams): SyncRunFilter {
  const filter: SyncRunFilter = { limit: DEFAULT_LIMIT };
  const storeId = params.get('storeId');
  if (storeId && UUID.test(storeId)) {
    filter.storeId = storeId;
  }
  const kind = params.get('kind');
  if (kind && KIND.test(kind)) {
    filter.kind = kind;
  }
  const status = params.get('status');
  if (status && (RUN_STATUSES as string[]).includes(status)) {
    filter.status = status as SyncRunStatus;
  }
  const limit = Number(params.get('limit'));
  if (Number.isInteger(limit) && limit >= 1 && limit <= 500) {
    filter.limit = limit;
  }
  return filter;
}

/** The query string for a filter: only what differs from the defaults, in a stable order. */
export function filterToQuery(filter: SyncRunFilter): string {
  const params = new URLSearchParams();
  for (const [key, value] of [
    ['storeId', filter.storeId],
    ['kind', filter.kind],
    ['status', filter.status],
    ['limit', filter.limit === DEFAULT_LIMIT ? undefined : String(filter.limit)],
  ] as const) {
    if (value) {
      params.set(key, value);
    }
  }
  return params.toString();
}

/** A filter with one field set (or cleared by an empty value). */
export function withFilter(filter: SyncRunFilter, field: 'storeId' | 'kind' | 'status' | 'limit', value: string | null): SyncRunFilter {
  const { storeId, kind, status } = filter;
  const next: SyncRunFilter = {
    limit: filter.limit,
    ...(storeId ? { storeId } : {}),
    ...(kind ? { kind } : {}),
    ...(status ? { status } : {}),
  };
  switch (field) {
    case 'limit':
      next.limit = value ? Number(value) : DEFAULT_LIMIT;
      break;
    case 'status':
      if (value && (RUN_STATUSES as string[]).includes(value)) {
        next.status = value as SyncRunStatus;
      } else {
        delete next.status;
      }
      break;
    case 'storeId':
    case 'kind':
      if (value) {
        next[field] = value;
      } else {
        delete next[field];
      }
  }
  return next;
}

// Counters some kinds add besides their items' outcomes (a stock push's API calls and their cost): listed last.
export const COUNTERS = new Set(['calls', 'cost']);

/** "mapped 12 · skipped 1": a run's counts, outcomes largest first, then counters, without zeros. */
export function countsSummary(counts: Record<string, number>): string {
  const entries = Object.entries(counts).filter(([, n]) => n > 0);
  if (entries.length === 0) {
    return 'nothing counted';
  }
  return entries
    .sort((a, b) => Number(COUNTERS.has(a[0])) - Number(COUNTERS.has(b[0])) || b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([outcome, n]) => `${outcome} ${n.toLocaleString('en')}`)
    .join(' · ');
}

/** How long a run took, or has run so far (ms). */
export function runDurationMs(run: Pick<SyncRun, 'startedAt' | 'finishedAt'>, now: number = Date.now()): number | null {
  const start = new Date(run.startedAt).getTime();
  const end = run.finishedAt ? new Date(run.finishedAt).getTime() : now;
  return Number.isFinite(start) && Number.isFinite(end) ? Math.max(0, end - start) : null;
}
