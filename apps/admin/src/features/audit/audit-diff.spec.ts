import { auditDiff, showValue } from './audit-diff';

describe('auditDiff', () => {
  it('lists only the fields that changed, nested paths dotted, in key order', () => {
    expect(
      auditDiff(
        { label: 'a', stockSync: { enabled: true, mode: 'delta', windowSeconds: 30 }, same: [1, 2] },
        { label: 'b', stockSync: { enabled: false, mode: 'delta', windowSeconds: 30 }, same: [1, 2] },
      ),
    ).toEqual([
      { path: 'label', kind: 'changed', before: 'a', after: 'b' },
      { path: 'stockSync.enabled', kind: 'changed', before: true, after: false },
    ]);
  });

  it('shows fields added and removed, and list items by index', () => {
    expect(auditDiff({ old: 1, list: [{ id: 'x' }] }, { new: 2, list: [{ id: 'x' }, { id: 'y' }] })).toEqual([
      { path: 'list[1].id', kind: 'added', after: 'y' },
      { path: 'new', kind: 'added', after: 2 },
      { path: 'old', kind: 'removed', before: 1 },
    ]);
  });

  it('lists every field of a created target as added, and of a removed one as removed', () => {
    expect(auditDiff(null, { email: 'a@example.com', role: 'viewer' })).toEqual([
      { path: 'email', kind: 'added', after: 'a@example.com' },
      { path: 'role', kind: 'added', after: 'viewer' },
    ]);
    expect(auditDiff({ status: 'disconnected', settings: { label: 'x' } }, null)).toEqual([
      { path: 'settings.label', kind: 'removed', before: 'x' },
      { path: 'status', kind: 'removed', before: 'disconnected' },
    ]);
    expect(auditDiff([], [{ channelLocationId: 'loc-1' }])).toEqual([{ path: '[0].channelLocationId', kind: 'added', after: 'loc-1' }]);
  });

  it('finds nothing when nothing changed, and compares values of different shapes as a whole', () => {
    expect(auditDiff({ a: { b: [1] } }, { a: { b: [1] } })).toEqual([]);
    expect(auditDiff(null, undefined)).toEqual([]);
    expect(auditDiff({ a: [1] }, { a: { 0: 1 } })).toEqual([{ path: 'a', kind: 'changed', before: [1], after: { 0: 1 } }]);
    expect(auditDiff('x', 'y')).toEqual([{ path: '', kind: 'changed', before: 'x', after: 'y' }]);
  });
});

describe('showValue', () => {
  it('shows values as people read them, quoting strings that look like something else', () => {
    expect(showValue('viewer')).toBe('viewer');
    expect(showValue('true')).toBe('"true"');
    expect(showValue('30')).toBe('"30"');
    expect(showValue('')).toBe('""');
    expect(showValue(30)).toBe('30');
    expect(showValue(false)).toBe('false');
    expect(showValue(null)).toBe('—');
    expect(showValue([])).toBe('none');
    expect(showValue({ a: 1 })).toBe('{"a":1}');
  });
});
