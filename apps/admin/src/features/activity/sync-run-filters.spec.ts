import { countsSummary, DEFAULT_LIMIT, filterToQuery, parseFilter, runDurationMs, withFilter } from './sync-run-filters';

const STORE = '3600474b-a880-46ea-91c4-828149d134ce';

describe('parseFilter / filterToQuery', () => {
  it('reads the filters the API takes and drops what it would refuse', () => {
    expect(parseFilter(new URLSearchParams(`storeId=${STORE}&kind=stock-push&status=failed&limit=25`))).toEqual({
      storeId: STORE,
      kind: 'stock-push',
      status: 'failed',
      limit: 25,
    });
    expect(parseFilter(new URLSearchParams('storeId=nope&kind=Bad Kind&status=weird&limit=9000'))).toEqual({ limit: DEFAULT_LIMIT });
  });

  it('writes only what differs from the defaults, and reads back the same filter', () => {
    expect(filterToQuery({ limit: DEFAULT_LIMIT })).toBe('');
    const filter = { storeId: STORE, kind: 'product-sync', status: 'partial' as const, limit: 100 };
    expect(filterToQuery(filter)).toBe(`storeId=${STORE}&kind=product-sync&status=partial&limit=100`);
    expect(parseFilter(new URLSearchParams(filterToQuery(filter)))).toEqual(filter);
  });
});

describe('withFilter', () => {
  it('sets and clears one field, leaving the others', () => {
    const base = { kind: 'stock-push', limit: 25 };
    expect(withFilter(base, 'status', 'failed')).toEqual({ kind: 'stock-push', status: 'failed', limit: 25 });
    expect(withFilter(base, 'kind', null)).toEqual({ limit: 25 });
    expect(withFilter(base, 'limit', null)).toEqual({ kind: 'stock-push', limit: DEFAULT_LIMIT });
    expect(withFilter(base, 'status', 'nonsense')).toEqual(base);
  });
});

describe('countsSummary', () => {
  it('lists outcomes largest first without zeros', () => {
    expect(countsSummary({ skipped: 1, mapped: 1200, unchanged: 0 })).toBe('mapped 1,200 · skipped 1');
    expect(countsSummary({})).toBe('nothing counted');
    expect(countsSummary({ cost: 10, pushed: 3, calls: 1 })).toBe('pushed 3 · cost 10 · calls 1');
  });
});

describe('runDurationMs', () => {
  it('measures a finished run, and a running one up to now', () => {
    expect(runDurationMs({ startedAt: '2026-07-01T09:00:00Z', finishedAt: '2026-07-01T09:00:04.200Z' })).toBe(4200);
    expect(runDurationMs({ startedAt: '2026-07-01T09:00:00Z', finishedAt: null }, Date.parse('2026-07-01T09:01:00Z'))).toBe(60_000);
  });
});
