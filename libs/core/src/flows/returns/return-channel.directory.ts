import type { ChannelAdapter, ReturnSink, ReturnSource } from '../../channel/channel-adapter.interface';
import { hasCapability } from '../../channel/channel-capability';

/** The adapter as a return source, or null when its channel has none. */
export function asReturnSource(adapter: ChannelAdapter): (ChannelAdapter & ReturnSource) | null {
  return hasCapability(adapter, 'return-source') ? adapter : null;
}

/** The adapter as a return sink, or null when its channel takes no receipts. */
export function asReturnSink(adapter: ChannelAdapter): (ChannelAdapter & ReturnSink) | null {
  return hasCapability(adapter, 'return-sink') ? adapter : null;
}
