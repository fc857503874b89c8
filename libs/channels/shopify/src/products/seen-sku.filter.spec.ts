import { SeenSkuFilter } from './seen-sku.filter';

describe('SeenSkuFilter', () => {
  it('answers no the first time a SKU is added and yes after, across growth', () => {
    const seen = new SeenSkuFilter();
    const skus = Array.from({ length: 5000 }, (_, i) => `SKU-${i}`);
    expect(skus.map((s) => seen.add(s)).filter(Boolean).length).toBeLessThanOrEqual(1);
    expect(skus.every((s) => seen.add(s))).toBe(true);
  });

  it('tells SKUs apart by every character and by case', () => {
    const seen = new SeenSkuFilter();
    expect(seen.add('ab-1')).toBe(false);
    expect(seen.add('AB-1')).toBe(false);
    expect(seen.add('ab-2')).toBe(false);
    expect(seen.add('ab-1')).toBe(true);
  });

  it('never hashes to 0, the empty slot', () => {
    expect(SeenSkuFilter.hash('')).not.toBe(0);
    expect(SeenSkuFilter.hash('SKU')).toBe(SeenSkuFilter.hash('SKU'));
  });
});
