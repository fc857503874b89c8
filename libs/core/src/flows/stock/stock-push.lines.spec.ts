import { pushIdempotencyKey, type PushLine } from './stock-push.lines';

const line = (overrides: Partial<PushLine> = {}): PushLine => ({
  sku: 'SKU-1',
  channelItemId: 'gid://shopify/InventoryItem/9007199254740993',
  channelLocationId: 'gid://shopify/Location/9007199254740995',
  warehouseId: 'w',
  productId: 'p',
  fromVersion: '3',
  toVersion: '5',
  quantity: 10,
  expected: 7,
  delta: 2,
  channelBefore: 7,
  generation: 0,
  ...overrides,
});

describe('pushIdempotencyKey', () => {
  it('is the same for the same push, whatever the order of its lines', () => {
    const a = line();
    const b = line({ channelItemId: 'gid://shopify/InventoryItem/2' });
    expect(pushIdempotencyKey('store', 'delta', [a, b])).toBe(pushIdempotencyKey('store', 'delta', [b, a]));
  });

  it('differs for another store, version range, delta or compare-and-set base', () => {
    const base = pushIdempotencyKey('store', 'absolute', [line()]);
    expect(pushIdempotencyKey('other', 'absolute', [line()])).not.toBe(base);
    expect(pushIdempotencyKey('store', 'absolute', [line({ toVersion: '6' })])).not.toBe(base);
    expect(pushIdempotencyKey('store', 'absolute', [line({ expected: 8 })])).not.toBe(base);
    expect(pushIdempotencyKey('store', 'delta', [line({ delta: 3 })])).not.toBe(pushIdempotencyKey('store', 'delta', [line()]));
  });

  it('fits an idempotency header (Shopify accepts it)', () => {
    expect(pushIdempotencyKey('store', 'delta', [line()])).toMatch(/^gantry-[0-9a-f]{40}$/);
  });
});
