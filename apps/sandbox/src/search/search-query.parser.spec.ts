import { SearchQuery } from './search-query.parser';

const record: Record<string, string | string[] | number> = {
  sku: 'ABC-1',
  barcode: '0123',
  updated_at: '2026-03-01T10:00:00Z',
  status: 'active',
  tag: ['wholesale', 'vip'],
  default: 'Blue shirt',
};
const get = (f: string) => record[f];

describe('SearchQuery', () => {
  it('parses field terms with comparison operators and negation', () => {
    expect(SearchQuery.parse('sku:ABC-1 updated_at:>=2026-01-01 -status:draft').terms).toEqual([
      { field: 'sku', op: ':', value: 'ABC-1', negate: false },
      { field: 'updated_at', op: '>=', value: '2026-01-01', negate: false },
      { field: 'status', op: ':', value: 'draft', negate: true },
    ]);
  });

  it('matches equality case-insensitively, wildcards and list values', () => {
    expect(SearchQuery.parse('sku:abc-1').matches(get)).toBe(true);
    expect(SearchQuery.parse('sku:ABC*').matches(get)).toBe(true);
    expect(SearchQuery.parse('tag:vip').matches(get)).toBe(true);
    expect(SearchQuery.parse('sku:ABC-2').matches(get)).toBe(false);
    expect(SearchQuery.parse('barcode:"0123"').matches(get)).toBe(true);
  });

  it('compares dates and supports OR groups', () => {
    expect(SearchQuery.parse('updated_at:>2026-02-28').matches(get)).toBe(true);
    expect(SearchQuery.parse("updated_at:<'2026-02-28T00:00:00Z'").matches(get)).toBe(false);
    expect(SearchQuery.parse('sku:nope OR status:active').matches(get)).toBe(true);
    expect(SearchQuery.parse('sku:nope OR status:draft').matches(get)).toBe(false);
  });

  it('treats an empty query as match-all and unknown fields as no match', () => {
    expect(SearchQuery.parse('').matches(get)).toBe(true);
    expect(SearchQuery.parse('color:red').matches(get)).toBe(false);
  });
});
