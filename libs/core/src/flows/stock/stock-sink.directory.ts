import { Injectable } from '@nestjs/common';
import type { ChannelAdapter, StockSink } from '../../channel/channel-adapter.interface';
import { hasCapability } from '../../channel/channel-capability';
import { ChannelRegistry } from '../../channel/channel.registry';

/** The registered stock sinks and their traits, by channel key. */
@Injectable()
export class StockSinkDirectory {
  constructor(private readonly registry: ChannelRegistry) {}

  /** Channel keys and largest batch of every stock sink (for SQL that decides readiness across stores). */
  batchLimits(): { keys: string[]; maxBatch: number[] } {
    const sinks = this.registry.list().filter((a): a is ChannelAdapter & StockSink => hasCapability(a, 'stock-sink'));
    return { keys: sinks.map((s) => s.key), maxBatch: sinks.map((s) => s.stockTraits.maxBatch) };
  }

  /** The adapter as a stock sink, or null when its channel has none. */
  static asSink(adapter: ChannelAdapter): (ChannelAdapter & StockSink) | null {
    return hasCapability(adapter, 'stock-sink') ? adapter : null;
  }
}
