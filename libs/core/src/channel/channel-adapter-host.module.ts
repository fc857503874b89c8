import { type DynamicModule, Module, type Type } from '@nestjs/common';
import type { ChannelAdapter } from './channel-adapter.interface';
import { channelAdapterProviders } from './channel-adapters.token';

/** Registers a self-contained adapter (no dependencies of its own) under CHANNEL_ADAPTERS, e.g. a fake in tests. */
@Module({})
export class ChannelAdapterHostModule {
  static register(adapter: Type<ChannelAdapter>): DynamicModule {
    return { module: ChannelAdapterHostModule, providers: channelAdapterProviders(adapter), exports: [adapter] };
  }
}
