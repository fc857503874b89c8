/** Product sync runs as the mapping panel shows them; pure, so it is unit-tested. */

/** Outcomes a product sync records for each variant it reads. */
export const SYNC_OUTCOMES = ['mapped', 'created', 'unchanged', 'skipped', 'failed'] as const;
const DONE_OUTCOMES = new Set<string>(['mapped', 'created', 'unchanged']);

export interface RunCounts {
  counts: Record<string, number>;
}

/** Variants read so far (every outcome but counters that are not variants). */
export function processedCount(run: RunCounts): number {
  return SYNC_OUTCOMES.reduce((sum, outcome) => sum + (run.counts[outcome] ?? 0), 0);
}

export interface SyncProgress {
  processed: number;
  /** The last finished run's variant count: the best guess of the total, since the shop's is not known up front. */
  estimate: number | null;
  /** 0–99 while running with an estimate; null without one (an indeterminate bar). */
  percent: number | null;
  label: string;
}

export function syncProgress(current: RunCounts, previous: RunCounts | null): SyncProgress {
  const processed = processedCount(current);
  const estimate = previous ? processedCount(previous) : 0;
  if (estimate <= 0) {
    return { processed, estimate: null, percent: null, label: `${processed.toLocaleString('en')} variants read` };
  }
  // Never 100 while running: the shop may have grown since the last run.
  const percent = Math.min(99, Math.floor((processed / estimate) * 100));
  return {
    processed,
    estimate,
    percent,
    label: `${processed.toLocaleString('en')} of about ${estimate.toLocaleString('en')} variants read (${percent}%)`,
  };
}

export interface SyncItem {
  sku: string | null;
  externalRef: string | null;
  outcome: string;
  reason: string | null;
}

/** Items the sync left unmapped (skipped or failed), with their reasons. */
export function unmappedItems<T extends SyncItem>(items: T[]): T[] {
  return items.filter((item) => !DONE_OUTCOMES.has(item.outcome));
}

/** "gid://shopify/ProductVariant/2001" → "2001": the short id people see in Shopify's admin. */
export function shortGid(gid: string | null): string {
  if (!gid) {
    return '—';
  }
  return gid.split('/').pop() || gid;
}

/** A page fetched with one row more than shown: the rows to show, and whether a next page exists. */
export function pageWithMore<T>(rows: T[], size: number): { rows: T[]; hasMore: boolean } {
  return { rows: rows.slice(0, size), hasMore: rows.length > size };
}
