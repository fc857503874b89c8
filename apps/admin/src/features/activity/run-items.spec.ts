import { filterItems, itemsTruncated, outcomeOptions, pageOf } from './run-items';
import type { SyncRunItem } from './sync-runs.api';

const item = (id: number, outcome: string, sku: string | null, reason: string | null = null): SyncRunItem => ({
  id: String(id),
  syncRunId: 'run',
  externalRef: `gid://shopify/ProductVariant/${id}`,
  sku,
  outcome,
  reason,
  createdAt: '2026-07-01T09:00:00Z',
});

const items = [
  item(1, 'mapped', 'TEE-S'),
  item(2, 'skipped', null, 'No SKU'),
  item(3, 'skipped', 'MUG', 'No product with SKU MUG'),
  item(4, 'mapped', 'TEE-M'),
];

describe('outcomeOptions', () => {
  it('counts each outcome, most frequent first', () => {
    expect(outcomeOptions(items)).toEqual([
      { value: 'mapped', count: 2 },
      { value: 'skipped', count: 2 },
    ]);
  });
});

describe('filterItems', () => {
  it('filters by outcome and by text in the SKU, channel id or reason', () => {
    expect(filterItems(items, 'skipped', '').map((i) => i.id)).toEqual(['2', '3']);
    expect(filterItems(items, '', 'mug').map((i) => i.id)).toEqual(['3']);
    expect(filterItems(items, '', 'ProductVariant/4').map((i) => i.id)).toEqual(['4']);
    expect(filterItems(items, 'mapped', 'no sku')).toEqual([]);
  });
});

describe('pageOf', () => {
  it('slices a page and clamps the page number', () => {
    const rows = Array.from({ length: 250 }, (_, i) => i);
    expect(pageOf(rows, 3, 100)).toEqual({ rows: rows.slice(200), page: 3, pages: 3 });
    expect(pageOf(rows, 9, 100).page).toBe(3);
    expect(pageOf([], 1, 100)).toEqual({ rows: [], page: 1, pages: 1 });
  });
});

describe('itemsTruncated', () => {
  it('is true only when the counts say the run had more items than the API listed', () => {
    expect(itemsTruncated({ mapped: 19_000, skipped: 1000 }, 1000)).toBe(true);
    expect(itemsTruncated({ pushed: 3, calls: 1, cost: 10 }, 3)).toBe(false);
    expect(itemsTruncated({ mapped: 1000 }, 1000)).toBe(false);
  });
});
