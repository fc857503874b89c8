import { auditApiQuery, auditFilterToQuery, parseAuditFilter, withAuditFilter } from './audit-filters';

const STORE = '7a6b5c4d-3e2f-4a1b-9c8d-7e6f5a4b3c2d';

describe('audit log filters', () => {
  it('reads the URL, dropping what the API would refuse', () => {
    expect(
      parseAuditFilter(
        new URLSearchParams(
          `storeId=${STORE}&actor=%20ops@example.com%20&actorKind=user&action=store.delete&from=2026-07-01&to=2026-07-02`,
        ),
      ),
    ).toEqual({
      storeId: STORE,
      actor: 'ops@example.com',
      actorKind: 'user',
      action: 'store.delete',
      from: '2026-07-01',
      to: '2026-07-02',
    });
    expect(
      parseAuditFilter(new URLSearchParams('storeId=nope&actor=%20&actorKind=robot&action=store.explode&from=yesterday&to=2026-13-45')),
    ).toEqual({});
  });

  it('writes only what is set, in a stable order, and reads it back the same', () => {
    const filter = { action: 'user.invite', storeId: STORE, to: '2026-07-02' };
    const query = auditFilterToQuery(filter);
    expect(query).toBe(`storeId=${STORE}&action=user.invite&to=2026-07-02`);
    expect(parseAuditFilter(new URLSearchParams(query))).toEqual(filter);
    expect(auditFilterToQuery({})).toBe('');
  });

  it('sets a field, and clears it with an empty or invalid value', () => {
    const filter = withAuditFilter({ storeId: STORE }, 'actor', ' ci key ');
    expect(filter).toEqual({ storeId: STORE, actor: 'ci key' });
    expect(withAuditFilter(filter, 'actor', '')).toEqual({ storeId: STORE });
    expect(withAuditFilter(filter, 'action', 'nonsense')).toEqual(filter);
    expect(withAuditFilter(filter, 'storeId', null)).toEqual({ actor: 'ci key' });
  });

  it("asks the API for whole days in the browser's time zone, the last day included", () => {
    const query = auditApiQuery({ from: '2026-07-01', to: '2026-07-01', actorKind: 'api_key' });
    expect(query.actorKind).toBe('api_key');
    expect(new Date(query.from as string).getTime()).toBe(new Date('2026-07-01T00:00:00').getTime());
    expect(new Date(query.to as string).getTime()).toBe(new Date('2026-07-02T00:00:00').getTime());
    expect(auditApiQuery({})).toEqual({
      storeId: undefined,
      actor: undefined,
      actorKind: undefined,
      action: undefined,
      from: undefined,
      to: undefined,
    });
  });
});
