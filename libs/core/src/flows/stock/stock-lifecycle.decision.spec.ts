import type { StoreSyncSnapshot } from '../../outbox/outbox-topic';
import { decideStockLifecycle } from './stock-lifecycle.decision';

const snap = (status: StoreSyncSnapshot['status'], enabled: boolean, mode: 'absolute' | 'delta' = 'absolute'): StoreSyncSnapshot => ({
  status,
  stockSync: { enabled, mode },
});

describe('decideStockLifecycle', () => {
  it('starts afresh for a new store and after a disconnect, once it syncs', () => {
    expect(decideStockLifecycle(null, snap('connected', true))).toBe('start');
    expect(decideStockLifecycle(snap('disconnected', true), snap('connected', true, 'delta'))).toBe('start');
    expect(decideStockLifecycle(null, snap('connected', false))).toBe('none');
    expect(decideStockLifecycle(snap('disconnected', false), snap('connected', false))).toBe('none');
  });

  it('enables, resumes after re-authorisation, and switches modes', () => {
    expect(decideStockLifecycle(snap('connected', false), snap('connected', true))).toBe('enable');
    expect(decideStockLifecycle(snap('needs_reauth', false), snap('connected', true))).toBe('enable');
    expect(decideStockLifecycle(snap('needs_reauth', true), snap('connected', true))).toBe('resume');
    expect(decideStockLifecycle(snap('connected', true, 'absolute'), snap('connected', true, 'delta'))).toBe('rebaseline');
    expect(decideStockLifecycle(snap('connected', true, 'delta'), snap('connected', true, 'absolute'))).toBe('push-all');
    // Switched on and to another mode at once: the mode's own first push.
    expect(decideStockLifecycle(snap('connected', false, 'absolute'), snap('connected', true, 'delta'))).toBe('rebaseline');
    expect(decideStockLifecycle(snap('connected', false, 'delta'), snap('connected', true, 'absolute'))).toBe('push-all');
  });

  it('does nothing while a store pauses or stays as it was; forgets a disconnected one', () => {
    expect(decideStockLifecycle(snap('connected', true), snap('connected', false))).toBe('none');
    expect(decideStockLifecycle(snap('connected', true), snap('needs_reauth', true))).toBe('none');
    expect(decideStockLifecycle(snap('connected', true), snap('connected', true))).toBe('none');
    // A mode switch while paused is applied when the store syncs again (the snapshot then differs in mode).
    expect(decideStockLifecycle(snap('connected', false, 'absolute'), snap('connected', false, 'delta'))).toBe('none');
    expect(decideStockLifecycle(snap('connected', true), snap('disconnected', true))).toBe('forget');
    expect(decideStockLifecycle(snap('needs_reauth', true), snap('disconnected', true))).toBe('forget');
    expect(decideStockLifecycle(snap('disconnected', true), snap('disconnected', false))).toBe('none');
  });

  it('forgets a removed store', () => {
    expect(decideStockLifecycle(snap('disconnected', true), null)).toBe('forget');
    expect(decideStockLifecycle(null, null)).toBe('forget');
  });
});
