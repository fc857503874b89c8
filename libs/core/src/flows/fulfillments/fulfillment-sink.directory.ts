import type { ChannelAdapter, FulfillmentSink } from '../../channel/channel-adapter.interface';
import { hasCapability } from '../../channel/channel-capability';

/** The adapter as a fulfillment sink, or null when its channel takes none. */
export function asFulfillmentSink(adapter: ChannelAdapter): (ChannelAdapter & FulfillmentSink) | null {
  return hasCapability(adapter, 'fulfillment-sink') ? adapter : null;
}
