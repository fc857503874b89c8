import { claimGapSeconds } from './schedule-claim';

describe('claimGapSeconds', () => {
  it('is 90 % of the period: under it (a lone worker never skips one), over half of it (N workers run once)', () => {
    expect(claimGapSeconds(15 * 60_000)).toBe(810);
    expect(claimGapSeconds(24 * 60 * 60_000)).toBe(77_760);
    for (const period of [60_000, 15 * 60_000, 24 * 60 * 60_000]) {
      expect(claimGapSeconds(period) * 1000).toBeLessThan(period);
      expect(claimGapSeconds(period) * 1000).toBeGreaterThan(period / 2);
    }
  });

  it('refuses a period that is not a positive number', () => {
    for (const period of [0, -1, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => claimGapSeconds(period)).toThrow(RangeError);
    }
  });
});
