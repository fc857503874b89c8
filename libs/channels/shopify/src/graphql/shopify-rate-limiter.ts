import { Injectable } from '@nestjs/common';
import { ShopifyCostBucket } from './shopify-cost-bucket';
import type { GraphqlCost } from './shopify-graphql.client';

// A mutation costs 10 points; until Shopify has priced a document, assume that.
const DEFAULT_COST = 10;

/**
 * Paces each shop's calls below its restore rate. Holds only Shopify's published bucket figures per shop and the
 * last price of each document, never credentials: the shop and token still travel with every call.
 */
@Injectable()
export class ShopifyRateLimiter {
  private readonly buckets = new Map<string, ShopifyCostBucket>();
  private readonly prices = new Map<string, number>();

  async acquire(shop: string, query: string): Promise<void> {
    const cost = this.prices.get(query) ?? DEFAULT_COST;
    for (;;) {
      const wait = this.bucket(shop).take(cost, Date.now());
      if (wait === 0) {
        return;
      }
      await new Promise((r) => setTimeout(r, wait));
    }
  }

  observe(shop: string, query: string, cost: GraphqlCost | null): void {
    if (!cost) {
      return;
    }
    if (cost.requestedQueryCost !== undefined) {
      this.prices.set(query, cost.requestedQueryCost);
    }
    if (cost.throttleStatus) {
      this.bucket(shop).observe(cost.throttleStatus, Date.now());
    }
  }

  private bucket(shop: string): ShopifyCostBucket {
    let bucket = this.buckets.get(shop);
    if (!bucket) {
      bucket = new ShopifyCostBucket(Date.now());
      this.buckets.set(shop, bucket);
    }
    return bucket;
  }
}
