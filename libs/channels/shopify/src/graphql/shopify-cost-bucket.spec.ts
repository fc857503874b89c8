import { ShopifyCostBucket } from './shopify-cost-bucket';

describe('ShopifyCostBucket', () => {
  const standard = { maximumAvailable: 2000, currentlyAvailable: 2000, restoreRate: 100 };

  it('lets calls through while the bucket holds their cost', () => {
    const bucket = new ShopifyCostBucket(0, standard);
    expect(bucket.take(1000, 0)).toBe(0);
    expect(bucket.take(1000, 0)).toBe(0);
  });

  it('waits exactly as long as the restore rate needs to refill the missing points', () => {
    const bucket = new ShopifyCostBucket(0, { ...standard, currentlyAvailable: 5 });
    expect(bucket.take(10, 0)).toBe(50);
    expect(bucket.take(10, 50)).toBe(0);
  });

  it('trusts what Shopify reports over its own estimate', () => {
    const bucket = new ShopifyCostBucket(0, standard);
    bucket.observe({ maximumAvailable: 20000, currentlyAvailable: 0, restoreRate: 1000 }, 100);
    expect(bucket.take(100, 100)).toBe(100);
    expect(bucket.take(100, 200)).toBe(0);
  });

  it('never waits for more than a full bucket', () => {
    const bucket = new ShopifyCostBucket(0, { ...standard, currentlyAvailable: 0 });
    expect(bucket.take(5000, 0)).toBe(20_000);
  });

  it('sustains the restore rate: 10 calls of 10 points per second on the standard plan', () => {
    const bucket = new ShopifyCostBucket(0, { ...standard, currentlyAvailable: 0 });
    let now = 0;
    let calls = 0;
    while (now < 10_000) {
      const wait = bucket.take(10, now);
      if (wait === 0) {
        calls++;
      } else {
        now += wait;
      }
    }
    expect(calls).toBeGreaterThanOrEqual(99);
    expect(calls).toBeLessThanOrEqual(101);
  });
});
