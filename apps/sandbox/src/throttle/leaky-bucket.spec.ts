import { LeakyBucket } from './leaky-bucket';

describe('LeakyBucket', () => {
  it('takes points while available and refuses without taking when short', () => {
    let t = 0;
    const bucket = new LeakyBucket(2000, 100, () => t);
    expect(bucket.tryTake(1500)).toBe(true);
    expect(bucket.tryTake(600)).toBe(false);
    expect(bucket.status().currentlyAvailable).toBe(500);
    t = 1000;
    expect(bucket.status().currentlyAvailable).toBe(600);
    expect(bucket.tryTake(600)).toBe(true);
  });

  it('never fills beyond its maximum and refunds unused points', () => {
    let t = 0;
    const bucket = new LeakyBucket(1000, 50, () => t);
    expect(bucket.tryTake(400)).toBe(true);
    bucket.refund(300);
    expect(bucket.status().currentlyAvailable).toBe(900);
    t = 60_000;
    expect(bucket.status()).toEqual({ maximumAvailable: 1000, currentlyAvailable: 1000, restoreRate: 50 });
  });
});
