import { lagSeconds, reconcileCounts, stockSyncState, type StockSyncFacts } from './stock-sync-health';

const now = new Date('2026-07-01T10:00:00Z');
const facts = (over: Partial<StockSyncFacts> = {}): StockSyncFacts => ({
  storeName: 'EU shop',
  storeStatus: 'connected',
  stockSync: { enabled: true, windowSeconds: 30 },
  lifecyclePending: false,
  pendingPairs: 0,
  oldestPendingAt: null,
  now,
  ...over,
});

describe('lagSeconds', () => {
  it('is the whole seconds since the date, null without one, never negative', () => {
    expect(lagSeconds(new Date('2026-07-01T09:58:59.500Z'), now)).toBe(60);
    expect(lagSeconds(null, now)).toBeNull();
    expect(lagSeconds(new Date('2026-07-01T10:00:05Z'), now)).toBe(0);
  });
});

describe('stockSyncState', () => {
  it('says a channel without stock takes none', () => {
    expect(stockSyncState(facts({ stockSync: null })).state).toBe('unsupported');
  });

  it('is paused while the store is not connected, even with sync on', () => {
    const result = stockSyncState(facts({ storeStatus: 'needs_reauth' }));
    expect(result).toEqual({ state: 'paused', reason: expect.stringContaining('needs reauth') });
  });

  it('is off when the settings turn it off', () => {
    expect(stockSyncState(facts({ stockSync: { enabled: false } })).state).toBe('off');
  });

  it('is applying while a lifecycle change waits', () => {
    expect(stockSyncState(facts({ lifecyclePending: true, pendingPairs: 3 })).state).toBe('applying');
  });

  it('is live within the window (plus grace) and catching up past it', () => {
    const within = facts({ pendingPairs: 2, oldestPendingAt: new Date(now.getTime() - 80_000) });
    expect(stockSyncState(within)).toEqual({ state: 'live', reason: '2 changes waiting for the 30 s window' });
    const late = facts({ pendingPairs: 2, oldestPendingAt: new Date(now.getTime() - 95_000) });
    expect(stockSyncState(late)).toEqual({
      state: 'catching-up',
      reason: 'The oldest change has waited 95 s, longer than the 30 s window; 2 pending',
    });
  });

  it('is live with nothing pending', () => {
    expect(stockSyncState(facts())).toEqual({ state: 'live', reason: 'Every stock change is on the channel' });
  });
});

describe('reconcileCounts', () => {
  it('counts compared and drifted pairs', () => {
    expect(reconcileCounts({ 'in-sync': 8, drift: 2 })).toEqual({ checked: 10, drifted: 2 });
    expect(reconcileCounts({})).toEqual({ checked: 0, drifted: 0 });
  });
});
