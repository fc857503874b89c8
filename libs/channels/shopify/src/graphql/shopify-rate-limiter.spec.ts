import { ChannelAdapterException, ChannelErrorCode } from '@gantry/core';
import { ShopifyRateLimiter } from './shopify-rate-limiter';

describe('ShopifyRateLimiter', () => {
  const QUERY = 'mutation { inventorySetQuantities }';
  // An empty bucket refilling 10 points a second: a 10-point call must wait a second.
  const drained = { requestedQueryCost: 10, throttleStatus: { maximumAvailable: 100, currentlyAvailable: 0, restoreRate: 10 } };

  beforeEach(() => {
    jest.useFakeTimers({ now: 1_000_000 });
  });

  afterEach(() => {
    jest.useRealTimers();
  });

  it('gives a call up, unsent, when its shop would need longer than the caller may wait', async () => {
    const limiter = new ShopifyRateLimiter();
    limiter.observe('a.myshopify.com', QUERY, drained);
    const error = await limiter.acquire('a.myshopify.com', QUERY, 500).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ChannelAdapterException);
    expect(error).toMatchObject({ code: ChannelErrorCode.RATE_LIMITED, retryAfterMs: 1000, details: { pacedLocally: true } });
    // Nothing was spent: once the wait has passed, the call goes at once.
    jest.setSystemTime(Date.now() + 1000);
    await expect(limiter.acquire('a.myshopify.com', QUERY, 0)).resolves.toBeUndefined();
  });

  it('waits in place when the wait fits, and without a bound as long as the bucket needs', async () => {
    const limiter = new ShopifyRateLimiter();
    limiter.observe('a.myshopify.com', QUERY, drained);
    let done = false;
    const call = limiter.acquire('a.myshopify.com', QUERY).then(() => {
      done = true;
    });
    await jest.advanceTimersByTimeAsync(999);
    expect(done).toBe(false);
    await jest.advanceTimersByTimeAsync(1);
    await call;
    expect(done).toBe(true);
  });

  it("paces each shop on its own: one shop's empty bucket does not make another wait", async () => {
    const limiter = new ShopifyRateLimiter();
    limiter.observe('a.myshopify.com', QUERY, drained);
    await expect(limiter.acquire('b.myshopify.com', QUERY, 0)).resolves.toBeUndefined();
  });
});
