export interface CreditLimit {
  credits: number;
  windowMs: number;
}

export interface CreditDecision {
  allowed: boolean;
  /** Credits left in the current window after this decision. */
  remaining: number;
  /** Whole seconds until the window resets (at least 1): what Retry-After says. */
  retryAfterSeconds: number;
}

/**
 * JOOR's rate limit (research §2.7): a fixed window that starts at the first request, holds a number of credits,
 * and is replenished in full when the next window starts (at the first request after it ended).
 */
export class CreditWindow {
  private startedAt: number | null = null;
  private used = 0;

  constructor(readonly limit: CreditLimit) {}

  /** Takes `cost` credits when they fit; a refused request takes nothing. */
  take(now: number, cost: number): CreditDecision {
    this.roll(now);
    const allowed = this.used + cost <= this.limit.credits;
    if (allowed) {
      this.used += cost;
    }
    return { allowed, remaining: this.limit.credits - this.used, retryAfterSeconds: this.retryAfter(now) };
  }

  /** The current state without taking anything (and without starting a window). */
  peek(now: number): CreditDecision {
    const open = this.startedAt !== null && now < this.startedAt + this.limit.windowMs;
    const used = open ? this.used : 0;
    return { allowed: used < this.limit.credits, remaining: this.limit.credits - used, retryAfterSeconds: this.retryAfter(now) };
  }

  private roll(now: number): void {
    if (this.startedAt === null || now >= this.startedAt + this.limit.windowMs) {
      this.startedAt = now;
      this.used = 0;
    }
  }

  private retryAfter(now: number): number {
    const endsAt =
      this.startedAt !== null && now < this.startedAt + this.limit.windowMs
        ? this.startedAt + this.limit.windowMs
        : now + this.limit.windowMs;
    return Math.max(1, Math.ceil((endsAt - now) / 1000));
  }
}
