import type { ChannelAdapter, OrderSource } from '../../channel/channel-adapter.interface';
import { hasCapability } from '../../channel/channel-capability';

/** The adapter as an order source, or null when its channel has none. */
export function asOrderSource(adapter: ChannelAdapter): (ChannelAdapter & OrderSource) | null {
  return hasCapability(adapter, 'order-source') ? adapter : null;
}
