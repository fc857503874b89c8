/**
 * How long after a job's last run (by any worker) another run may start, for a job every worker ticks each `periodMs`:
 * 90 % of the period. Below the period, so one worker alone (whose timer drifts a little) never skips a period; above
 * half of it, so N workers ticking at different phases run the job once per period, not N times.
 */
export function claimGapSeconds(periodMs: number): number {
  if (!Number.isFinite(periodMs) || periodMs <= 0) {
    throw new RangeError(`period must be a positive number of milliseconds, got ${periodMs}`);
  }
  return (periodMs * 0.9) / 1000;
}
