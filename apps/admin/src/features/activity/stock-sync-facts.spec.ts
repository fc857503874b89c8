import { stockSyncFacts } from './stock-sync-facts';
import type { StockSyncHealth } from './stock-sync-health.api';

const now = Date.parse('2026-07-01T10:00:00Z');
const health = (over: Partial<StockSyncHealth> = {}): StockSyncHealth => ({
  state: 'live',
  reason: 'Every stock change is on the channel',
  trackedPairs: 1200,
  pendingPairs: 0,
  oldestPendingAt: null,
  lagSeconds: null,
  lastPushAt: '2026-07-01T09:58:00Z',
  failedPushes24h: 0,
  lastReconcile: { runId: 'r1', status: 'succeeded', at: '2026-07-01T07:00:00Z', checked: 1200, drifted: 0 },
  ...over,
});

describe('stockSyncFacts', () => {
  it('says all is well in words', () => {
    const facts = stockSyncFacts(health(), now);
    expect(facts.map((f) => [f.label, f.value, f.warn])).toEqual([
      ['Pending changes', '0', false],
      ['Lag', 'none', false],
      ['Last push', '2 minutes ago', false],
      ['Drift (last reconcile)', '0 of 1,200', false],
    ]);
    expect(facts[0]?.detail).toBe('of 1,200 item × location pairs tracked');
    expect(facts[3]?.runId).toBe('r1');
  });

  it('flags a lag, failed pushes and drift', () => {
    const facts = stockSyncFacts(
      health({
        state: 'catching-up',
        pendingPairs: 40,
        lagSeconds: 185,
        oldestPendingAt: '2026-07-01T09:56:55Z',
        failedPushes24h: 1,
        lastReconcile: { runId: 'r2', status: 'succeeded', at: '2026-07-01T09:00:00Z', checked: 1200, drifted: 3 },
      }),
      now,
    );
    expect(facts.map((f) => f.warn)).toEqual([true, true, true, true]);
    expect(facts[1]?.value).toBe('3 min 5 s');
    expect(facts[2]?.detail).toBe('1 push failed in the last 24 hours');
    expect(facts[3]?.value).toBe('3 of 1,200');
  });

  it('says when nothing was pushed or reconciled yet', () => {
    const facts = stockSyncFacts(health({ lastPushAt: null, lastReconcile: null }), now);
    expect(facts[2]?.value).toBe('never');
    expect(facts[3]).toMatchObject({ value: 'not reconciled yet', warn: false });
    expect(facts[3]?.runId).toBeUndefined();
  });
});
