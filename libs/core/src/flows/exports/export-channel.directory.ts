import type { ChannelAdapter, OrderSink, WholesaleOrderSource } from '../../channel/channel-adapter.interface';
import { hasCapability } from '../../channel/channel-capability';

/** The adapter as a wholesale order source, or null when its channel is none. */
export function asWholesaleSource(adapter: ChannelAdapter): (ChannelAdapter & WholesaleOrderSource) | null {
  return hasCapability(adapter, 'wholesale-order-source') ? adapter : null;
}

/** The adapter as an order sink, or null when its channel takes no orders. */
export function asOrderSink(adapter: ChannelAdapter): (ChannelAdapter & OrderSink) | null {
  return hasCapability(adapter, 'order-sink') ? adapter : null;
}
