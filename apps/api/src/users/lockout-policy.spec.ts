import { LockoutPolicy } from './lockout-policy';

describe('LockoutPolicy', () => {
  const policy = new LockoutPolicy();
  const now = new Date('2026-07-01T09:00:00.000Z');
  const minutes = (failures: number): number | null => {
    const { lockedUntil } = policy.afterFailure(failures, now);
    return lockedUntil ? (lockedUntil.getTime() - now.getTime()) / 60_000 : null;
  };

  it('does not lock before 5 failures in a row', () => {
    expect([1, 2, 3, 4].map(minutes)).toEqual([null, null, null, null]);
  });

  it('locks for 15 minutes at the 5th failure and doubles with each further one, up to a day', () => {
    expect([5, 6, 7, 8].map(minutes)).toEqual([15, 30, 60, 120]);
    expect(minutes(12)).toBe(24 * 60);
    expect(minutes(1000)).toBe(24 * 60);
  });

  it('answers the seconds left of a lock, rounded up, and 0 once it is over', () => {
    expect(policy.retryAfterSeconds(null, now)).toBe(0);
    expect(policy.retryAfterSeconds(new Date(now.getTime() - 1), now)).toBe(0);
    expect(policy.retryAfterSeconds(new Date(now.getTime() + 1500), now)).toBe(2);
    expect(policy.retryAfterSeconds(new Date(now.getTime() + 15 * 60_000), now)).toBe(900);
  });
});
