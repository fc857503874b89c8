import type { PlanName } from '../state/shop-records';

export interface ThrottleStatus {
  maximumAvailable: number;
  currentlyAvailable: number;
  restoreRate: number;
}

export const PLAN_LIMITS: Record<PlanName, { restoreRate: number; maximumAvailable: number }> = {
  standard: { restoreRate: 100, maximumAvailable: 2000 },
  advanced: { restoreRate: 200, maximumAvailable: 4000 },
  plus: { restoreRate: 1000, maximumAvailable: 20000 },
};

/** Shopify's cost bucket: fills at restoreRate points per second up to maximumAvailable. */
export class LeakyBucket {
  private available: number;
  private updatedAt: number;

  constructor(
    private readonly maximumAvailable: number,
    private readonly restoreRate: number,
    private readonly now: () => number,
  ) {
    this.available = maximumAvailable;
    this.updatedAt = now();
  }

  private refill(): void {
    const t = this.now();
    this.available = Math.min(this.maximumAvailable, this.available + ((t - this.updatedAt) / 1000) * this.restoreRate);
    this.updatedAt = t;
  }

  /** Takes `cost` points if the bucket holds that many; otherwise takes nothing. */
  tryTake(cost: number): boolean {
    this.refill();
    if (this.available < cost) {
      return false;
    }
    this.available -= cost;
    return true;
  }

  /** Gives back the difference between requested and actual cost after execution. */
  refund(points: number): void {
    this.refill();
    this.available = Math.min(this.maximumAvailable, this.available + points);
  }

  drain(): void {
    this.refill();
    this.available = 0;
  }

  status(): ThrottleStatus {
    this.refill();
    return {
      maximumAvailable: this.maximumAvailable,
      currentlyAvailable: Math.floor(this.available),
      restoreRate: this.restoreRate,
    };
  }
}
