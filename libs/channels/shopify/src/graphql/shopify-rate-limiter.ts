import { Injectable } from '@nestjs/common';
import { ChannelAdapterException, ChannelErrorCode } from '@gantry/core';
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

  /**
   * Waits until the shop's bucket can pay for the query. When that would take longer than `maxWaitMs`, gives up before
   * sending: RATE_LIMITED with the wait as retryAfterMs, as if Shopify had answered THROTTLED (nothing was spent).
   */
  async acquire(shop: string, query: string, maxWaitMs = Infinity): Promise<void> {
    const cost = this.prices.get(query) ?? DEFAULT_COST;
    for (let waited = 0; ;) {
      const wait = this.bucket(shop).take(cost, Date.now());
      if (wait === 0) {
        return;
      }
      if (waited + wait > maxWaitMs) {
        throw new ChannelAdapterException(ChannelErrorCode.RATE_LIMITED, `${shop}'s Shopify rate limit needs ${wait} ms before this call`, {
          retryAfterMs: wait,
          details: { pacedLocally: true },
        });
      }
      waited += wait;
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
