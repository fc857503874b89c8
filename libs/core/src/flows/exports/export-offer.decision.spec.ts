import { decideOffer, type LatestExport } from './export-offer.decision';

const base: LatestExport = {
  id: 'e1',
  generation: 1,
  state: 'pending',
  retry: null,
  sourceModifiedAt: '2026-11-01T10:00:00Z',
  sinkOrderId: null,
  markedAt: null,
};
const offer = { modifiedAt: '2026-11-01T10:00:00Z' };

describe('decideOffer', () => {
  it('records an order seen for the first time', () => {
    expect(decideOffer(null, offer)).toEqual({ kind: 'record' });
  });

  it('refreshes an export not sent yet with what the source says now', () => {
    expect(decideOffer(base, { modifiedAt: '2026-11-02T00:00:00Z' })).toEqual({ kind: 'refresh', id: 'e1' });
  });

  it('leaves an export in flight alone: what was sent may be on the sink', () => {
    expect(decideOffer({ ...base, state: 'in_flight' }, { modifiedAt: 'changed' }).kind).toBe('none');
  });

  it('makes the mark due for an exported order the source still offers', () => {
    expect(decideOffer({ ...base, state: 'exported', sinkOrderId: '9' }, offer)).toEqual({ kind: 'mark', id: 'e1' });
  });

  it('reads an exported and marked order offered again as the source asking for a re-export', () => {
    const latest = { ...base, generation: 2, state: 'exported' as const, sinkOrderId: '9', markedAt: new Date() };
    expect(decideOffer(latest, offer)).toEqual({ kind: 're-export', generation: 3, supersedes: '9' });
  });

  it('retries a failure that can heal by itself at every run', () => {
    expect(decideOffer({ ...base, state: 'failed', retry: 'each-run' }, offer)).toEqual({ kind: 'refresh', id: 'e1' });
    expect(decideOffer({ ...base, state: 'failed', retry: 'backoff' }, offer)).toEqual({ kind: 'refresh', id: 'e1' });
  });

  it('retries a failure that needs a change only once the source order changed', () => {
    const failed = { ...base, state: 'failed' as const, retry: 'on-change' as const };
    expect(decideOffer(failed, offer).kind).toBe('none');
    expect(decideOffer(failed, { modifiedAt: '2026-11-03T00:00:00Z' })).toEqual({ kind: 'refresh', id: 'e1' });
  });
});
