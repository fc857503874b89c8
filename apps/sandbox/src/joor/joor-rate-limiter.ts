import { CreditWindow, type CreditDecision } from './credit-window';
import type { JoorAccountRecord } from './joor-records';

/** One credit window per JOOR account (runtime only: a loaded or reset state starts with fresh windows). */
export class JoorRateLimiter {
  private readonly windows = new Map<string, { key: string; window: CreditWindow }>();

  constructor(private readonly now: () => number) {}

  take(account: JoorAccountRecord, cost: number): CreditDecision {
    return this.window(account).take(this.now(), cost);
  }

  peek(account: JoorAccountRecord): CreditDecision {
    return this.window(account).peek(this.now());
  }

  /** Starts the account's next request in a fresh window. */
  reset(account: string): void {
    this.windows.delete(account);
  }

  clear(): void {
    this.windows.clear();
  }

  private window(account: JoorAccountRecord): CreditWindow {
    // A changed limit starts a new window, as a changed plan does for the Shopify buckets.
    const key = `${account.rateLimit.credits}/${account.rateLimit.windowSeconds}`;
    const existing = this.windows.get(account.account);
    if (existing && existing.key === key) {
      return existing.window;
    }
    const window = new CreditWindow({ credits: account.rateLimit.credits, windowMs: account.rateLimit.windowSeconds * 1000 });
    this.windows.set(account.account, { key, window });
    return window;
  }
}
