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

  it('reads quoted and escaped characters as value, never as syntax', () => {
    const ids: Record<string, string> = { source_identifier: 'joor:acct-1:1001:1', po_number: 'PO-7781*' };
    const by = (f: string) => ids[f];
    expect(SearchQuery.parse("source_identifier:'joor:acct-1:1001:1'").terms).toEqual([
      { field: 'source_identifier', op: ':', value: 'joor:acct-1:1001:1', negate: false, exact: true },
    ]);
    expect(SearchQuery.parse("source_identifier:'JOOR:acct-1:1001:1'").matches(by)).toBe(true);
    expect(SearchQuery.parse('source_identifier:"joor:acct-1:1001:10"').matches(by)).toBe(false);
    expect(SearchQuery.parse('source_identifier:joor\\:acct-1\\:1001\\:1').matches(by)).toBe(true);
    // A quoted `*` is a character; unquoted it is still a prefix wildcard.
    expect(SearchQuery.parse('po_number:"PO-7781*"').matches(by)).toBe(true);
    expect(SearchQuery.parse('po_number:"PO-77*"').matches(by)).toBe(false);
    expect(SearchQuery.parse('po_number:PO-77*').matches(by)).toBe(true);
    // The other quote kind inside a quoted value, a quoted leading `-`, a quoted `>` and a quoted OR.
    expect(SearchQuery.parse(`po_number:"it's"`).terms[0].value).toBe("it's");
    expect(SearchQuery.parse('po_number:">5"').terms[0]).toMatchObject({ op: ':', value: '>5' });
    expect(SearchQuery.parse('"-po_number:x"').terms[0]).toMatchObject({ negate: false, field: null });
    expect(SearchQuery.parse('po_number:x "OR" po_number:y').terms).toHaveLength(3);
  });
});
