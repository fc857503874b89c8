/** A store's stock sync health as the panel's facts; pure, so it is unit-tested. */
import { dateTime, duration, relativeTime } from '../../ui/format';
import type { StockSyncHealth } from './stock-sync-health.api';

export interface HealthFact {
  label: string;
  value: string;
  detail: string;
  /** Worth a look: shown in a warning colour and said in words (the detail). */
  warn: boolean;
  /** A run to open for more (the last reconcile). */
  runId?: string;
}

export function stockSyncFacts(health: StockSyncHealth, now: number = Date.now()): HealthFact[] {
  const lagging = health.state === 'catching-up';
  const reconcile = health.lastReconcile;
  return [
    {
      label: 'Pending changes',
      value: health.pendingPairs.toLocaleString('en'),
      detail: `of ${health.trackedPairs.toLocaleString('en')} item × location pairs tracked`,
      warn: lagging,
    },
    {
      label: 'Lag',
      value: health.lagSeconds === null ? 'none' : duration(health.lagSeconds * 1000),
      detail: health.oldestPendingAt ? `oldest change waiting since ${dateTime(health.oldestPendingAt)}` : 'nothing waiting',
      warn: lagging,
    },
    {
      label: 'Last push',
      value: health.lastPushAt ? relativeTime(health.lastPushAt, now) : 'never',
      detail:
        health.failedPushes24h > 0
          ? `${health.failedPushes24h} push${health.failedPushes24h === 1 ? '' : 'es'} failed in the last 24 hours`
          : health.lastPushAt
            ? dateTime(health.lastPushAt)
            : 'nothing pushed yet',
      warn: health.failedPushes24h > 0,
    },
    {
      label: 'Drift (last reconcile)',
      value: reconcile ? `${reconcile.drifted.toLocaleString('en')} of ${reconcile.checked.toLocaleString('en')}` : 'not reconciled yet',
      detail: reconcile
        ? `${reconcile.drifted === 0 ? 'no difference' : 'pairs differed'}; ${reconcile.status}, ${relativeTime(reconcile.at, now)}`
        : 'a reconcile runs daily, or from the store settings',
      warn: (reconcile?.drifted ?? 0) > 0,
      ...(reconcile ? { runId: reconcile.runId } : {}),
    },
  ];
}
