import type { Provider, Type } from '@nestjs/common';
import type { ChannelAdapter } from './channel-adapter.interface';

/** Every channel adapter is provided under this token; the registry collects them all at boot. */
export const CHANNEL_ADAPTERS = Symbol('gantry:channel-adapters');

/** Providers that add an adapter class under CHANNEL_ADAPTERS; put them in the channel lib's module. */
export function channelAdapterProviders(adapter: Type<ChannelAdapter>): Provider[] {
  return [adapter, { provide: CHANNEL_ADAPTERS, useExisting: adapter }];
}
