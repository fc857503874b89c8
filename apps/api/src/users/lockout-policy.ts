/** What to do with an account after a failed sign-in. */
export interface LockoutDecision {
  /** Until when the account refuses sign-ins (null: not locked). */
  lockedUntil: Date | null;
}

/**
 * Lockout with exponential back-off: after `threshold` failures in a row the account is locked for `baseMinutes`;
 * every further failure after a lock doubles the time, up to `maxMinutes`. A successful sign-in resets the count.
 */
export class LockoutPolicy {
  constructor(
    readonly threshold = 5,
    readonly baseMinutes = 15,
    readonly maxMinutes = 24 * 60,
  ) {}

  /** The decision after a failure that brought the count of failures in a row to `failures`. */
  afterFailure(failures: number, now: Date): LockoutDecision {
    if (failures < this.threshold) {
      return { lockedUntil: null };
    }
    const doublings = Math.min(failures - this.threshold, 30);
    const minutes = Math.min(this.baseMinutes * 2 ** doublings, this.maxMinutes);
    return { lockedUntil: new Date(now.getTime() + minutes * 60_000) };
  }

  /** Seconds until a locked account may try again (at least 1), or 0 when it is not locked. */
  retryAfterSeconds(lockedUntil: Date | null, now: Date): number {
    if (!lockedUntil || lockedUntil.getTime() <= now.getTime()) {
      return 0;
    }
    return Math.max(1, Math.ceil((lockedUntil.getTime() - now.getTime()) / 1000));
  }
}
