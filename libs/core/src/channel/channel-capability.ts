import type {
  CatalogSource,
  ChannelAdapter,
  ConnectFlow,
  FulfillmentSink,
  OrderSink,
  WholesaleOrderSource,
  OrderSource,
  ReturnSink,
  ReturnSource,
  StockSink,
  WebhookReceiver,
} from './channel-adapter.interface';

/** What a capability promises, by name. */
export interface ChannelCapabilityMap {
  'catalog-source': CatalogSource;
  'stock-sink': StockSink;
  'order-source': OrderSource;
  'fulfillment-sink': FulfillmentSink;
  'return-source': ReturnSource;
  'return-sink': ReturnSink;
  'order-sink': OrderSink;
  'wholesale-order-source': WholesaleOrderSource;
  'webhook-receiver': WebhookReceiver;
  'connect-flow': ConnectFlow;
}

export type ChannelCapability = keyof ChannelCapabilityMap;

/** The methods each capability requires; the registry checks them at boot. */
export const CAPABILITY_METHODS: { readonly [C in ChannelCapability]: readonly (keyof ChannelCapabilityMap[C])[] } = {
  'catalog-source': ['fetchCatalog'],
  'stock-sink': ['pushStock', 'readStock'],
  'order-source': ['fetchOrders', 'changedOrders', 'readOrders'],
  'fulfillment-sink': ['readFulfillments', 'createFulfillment', 'updateTracking'],
  'return-source': ['readReturns', 'openReturns'],
  'return-sink': ['disposeReturn', 'closeReturn'],
  'order-sink': ['resolveItems', 'createOrder', 'findByIdentity', 'readExportedOrders'],
  'wholesale-order-source': ['pendingOrders', 'readOrder', 'markExported'],
  'webhook-receiver': ['verifyWebhook', 'parseWebhook'],
  'connect-flow': ['beginConnect', 'completeConnect'],
};

export const CHANNEL_CAPABILITIES = Object.keys(CAPABILITY_METHODS) as ChannelCapability[];

/** Methods a capability requires that the adapter lacks (empty when it implements them all). */
export function missingCapabilityMethods(adapter: ChannelAdapter, capability: ChannelCapability): string[] {
  const target = adapter as unknown as Record<string, unknown>;
  return CAPABILITY_METHODS[capability].map(String).filter((method) => typeof target[method] !== 'function');
}

/** Narrows an adapter to a capability it declares and implements. */
export function hasCapability<C extends ChannelCapability>(
  adapter: ChannelAdapter,
  capability: C,
): adapter is ChannelAdapter & ChannelCapabilityMap[C] {
  return adapter.capabilities.includes(capability) && missingCapabilityMethods(adapter, capability).length === 0;
}
