/** A run's items as the run page lists them: filtered by outcome and text, a page at a time. Pure: unit-tested. */
import { COUNTERS } from './sync-run-filters';
import type { SyncRunItem } from './sync-runs.api';

export const ITEMS_PER_PAGE = 100;
/** GET /sync-runs/:id answers at most this many items. */
export const ITEMS_SHOWN_BY_API = 1000;

/** Outcomes present, with their counts in the listed items, most frequent first. */
export function outcomeOptions(items: SyncRunItem[]): { value: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const item of items) {
    counts.set(item.outcome, (counts.get(item.outcome) ?? 0) + 1);
  }
  return [...counts].map(([value, count]) => ({ value, count })).sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
}

/** Items of `outcome` (all when empty) whose SKU, channel id or reason contains `search` (case-insensitive). */
export function filterItems(items: SyncRunItem[], outcome: string, search: string): SyncRunItem[] {
  const needle = search.trim().toLowerCase();
  return items.filter(
    (item) =>
      (!outcome || item.outcome === outcome) &&
      (!needle || [item.sku, item.externalRef, item.reason].some((field) => field?.toLowerCase().includes(needle))),
  );
}

/** One page of a list (1-based), clamped to the pages there are. */
export function pageOf<T>(rows: T[], page: number, size: number = ITEMS_PER_PAGE): { rows: T[]; page: number; pages: number } {
  const pages = Math.max(1, Math.ceil(rows.length / size));
  const current = Math.min(Math.max(1, Math.floor(page) || 1), pages);
  return { rows: rows.slice((current - 1) * size, current * size), page: current, pages };
}

/** Whether the run has more items than the API listed (its counts add up to more). */
export function itemsTruncated(counts: Record<string, number>, listed: number): boolean {
  const outcomes = Object.entries(counts).filter(([key]) => !COUNTERS.has(key));
  const total = outcomes.reduce((sum, [, n]) => sum + n, 0);
  return listed >= ITEMS_SHOWN_BY_API && total > listed;
}
