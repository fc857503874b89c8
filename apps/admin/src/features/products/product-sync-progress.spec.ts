import { pageWithMore, processedCount, shortGid, syncProgress, unmappedItems } from './product-sync-progress';

describe('syncProgress', () => {
  it('estimates the total from the last finished run, never reaching 100 while running', () => {
    const previous = { counts: { mapped: 19_000, skipped: 1000 } };
    expect(syncProgress({ counts: { mapped: 4000, unchanged: 1000 } }, previous)).toEqual({
      processed: 5000,
      estimate: 20_000,
      percent: 25,
      label: '5,000 of about 20,000 variants read (25%)',
    });
    expect(syncProgress({ counts: { mapped: 21_000 } }, previous).percent).toBe(99);
  });

  it('has no percentage without an earlier run', () => {
    expect(syncProgress({ counts: { mapped: 250 } }, null)).toEqual({
      processed: 250,
      estimate: null,
      percent: null,
      label: '250 variants read',
    });
    expect(syncProgress({ counts: {} }, { counts: {} }).percent).toBeNull();
  });

  it('counts only variant outcomes', () => {
    expect(processedCount({ counts: { mapped: 2, created: 1, unchanged: 3, skipped: 4, failed: 1, calls: 9 } })).toBe(11);
  });
});

describe('unmappedItems', () => {
  it('keeps skipped and failed variants', () => {
    const items = [
      { sku: 'A', externalRef: '1', outcome: 'mapped', reason: null },
      { sku: null, externalRef: '2', outcome: 'skipped', reason: 'No SKU' },
      { sku: 'C', externalRef: '3', outcome: 'unchanged', reason: null },
      { sku: 'D', externalRef: '4', outcome: 'failed', reason: 'boom' },
    ];
    expect(unmappedItems(items).map((i) => i.externalRef)).toEqual(['2', '4']);
  });
});

describe('shortGid', () => {
  it("shows a Shopify gid's number", () => {
    expect(shortGid('gid://shopify/ProductVariant/2001')).toBe('2001');
    expect(shortGid(null)).toBe('—');
    expect(shortGid('plain')).toBe('plain');
  });
});

describe('pageWithMore', () => {
  it('tells whether a next page exists from one extra row', () => {
    expect(pageWithMore([1, 2, 3], 2)).toEqual({ rows: [1, 2], hasMore: true });
    expect(pageWithMore([1, 2], 2)).toEqual({ rows: [1, 2], hasMore: false });
  });
});
