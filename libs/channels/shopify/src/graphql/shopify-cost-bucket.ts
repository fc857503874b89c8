/** What Shopify reported about a store's leaky bucket after a call. */
export interface ThrottleStatus {
  maximumAvailable: number;
  currentlyAvailable: number;
  restoreRate: number;
}

/**
 * Our estimate of one store's GraphQL cost bucket, from the throttleStatus Shopify returns on every call:
 * it refills at the restore rate, and a call waits until its expected cost is available, so a store runs
 * close to its restore rate without being throttled.
 */
export class ShopifyCostBucket {
  private available: number;
  private max: number;
  private restorePerMs: number;
  private at: number;

  constructor(now: number, status: ThrottleStatus = { maximumAvailable: 2000, currentlyAvailable: 2000, restoreRate: 100 }) {
    this.max = status.maximumAvailable;
    this.available = status.currentlyAvailable;
    this.restorePerMs = status.restoreRate / 1000;
    this.at = now;
  }

  /** Milliseconds to wait before spending `cost`; spends it (possibly going below zero) when the answer is 0. */
  take(cost: number, now: number): number {
    this.refill(now);
    const need = Math.min(cost, this.max);
    if (this.available >= need) {
      this.available -= need;
      return 0;
    }
    return Math.ceil((need - this.available) / this.restorePerMs);
  }

  /** Shopify's own figures replace the estimate; we gave back what it did not charge. */
  observe(status: ThrottleStatus, now: number): void {
    this.max = status.maximumAvailable;
    this.restorePerMs = status.restoreRate / 1000;
    this.available = status.currentlyAvailable;
    this.at = now;
  }

  private refill(now: number): void {
    this.available = Math.min(this.max, this.available + (now - this.at) * this.restorePerMs);
    this.at = now;
  }
}
