import type { ShopData, TokenRecord } from '../state/shop-records';
import { LeakyBucket, PLAN_LIMITS } from './leaky-bucket';

/** One cost bucket per (app, shop), sized by the shop's plan (and a temporary reduction, when one is set). */
export class BucketRegistry {
  private readonly buckets = new Map<string, { plan: string; bucket: LeakyBucket }>();

  constructor(private readonly now: () => number) {}

  for(shop: ShopData, token: TokenRecord): LeakyBucket {
    const key = `${token.staff ? 'staff' : token.apiKey}|${shop.domain}`;
    const scale = shop.faults.rateLimitScale ?? 1;
    const plan = `${shop.plan}×${scale}`;
    const existing = this.buckets.get(key);
    if (existing && existing.plan === plan) {
      return existing.bucket;
    }
    const limits = PLAN_LIMITS[shop.plan];
    const bucket = new LeakyBucket(limits.maximumAvailable * scale, limits.restoreRate * scale, this.now);
    this.buckets.set(key, { plan, bucket });
    return bucket;
  }

  clear(): void {
    this.buckets.clear();
  }
}
