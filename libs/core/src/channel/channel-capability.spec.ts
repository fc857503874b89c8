import type { ChannelAdapter } from './channel-adapter.interface';
import { hasCapability, missingCapabilityMethods } from './channel-capability';

const adapter = (capabilities: ChannelAdapter['capabilities'], methods: Record<string, unknown>): ChannelAdapter =>
  Object.assign({ key: 'x', name: 'X', capabilities, settingsClass: Object, defaultSettings: () => ({}) }, methods);

describe('hasCapability', () => {
  it('is true only for a declared capability whose methods exist', () => {
    const fn = (): Promise<never[]> => Promise.resolve([]);
    expect(hasCapability(adapter(['stock-sink'], { pushStock: fn, readStock: fn }), 'stock-sink')).toBe(true);
    expect(hasCapability(adapter([], { pushStock: fn, readStock: fn }), 'stock-sink')).toBe(false);
    expect(hasCapability(adapter(['stock-sink'], { pushStock: fn }), 'stock-sink')).toBe(false);
    expect(hasCapability(adapter(['stock-sink'], {}), 'stock-sink')).toBe(false);
  });

  it('lists the missing methods of a capability', () => {
    expect(missingCapabilityMethods(adapter(['webhook-receiver'], { verifyWebhook: () => true }), 'webhook-receiver')).toEqual([
      'parseWebhook',
    ]);
  });
});
