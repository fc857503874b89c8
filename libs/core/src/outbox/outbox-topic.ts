/** Topics written to the outbox. Payload shapes below are the contract between writers and handlers. */
export const OutboxTopic = {
  STOCK_CHANGED: 'stock.changed',
  SHIPMENT_CREATED: 'shipment.created',
  /** A shipment's carrier or parcels changed (payload as SHIPMENT_CREATED). */
  SHIPMENT_TRACKING_CHANGED: 'shipment.tracking-changed',
  RETURN_RECEIVED: 'return.received',
  ORDER_CANCELLED: 'order.cancelled',
  /** A channel webhook stored in an inbox; the channel lib that wrote it handles it. */
  WEBHOOK_RECEIVED: 'webhook.received',
  /** A store's status or stock sync settings changed (connect, re-auth, enable, mode switch, disconnect), or it was removed. */
  STORE_CHANGED: 'store.changed',
  /** A store's location or product mappings changed. */
  CHANNEL_MAPPINGS_CHANGED: 'channel-mappings.changed',
} as const;
export type OutboxTopic = (typeof OutboxTopic)[keyof typeof OutboxTopic];

export interface StockChangedPayload {
  warehouseId: string;
  productId: string;
  sku: string;
  onHand: number;
  reserved: number;
  available: number;
  /** Available before this change, so a consumer knows the change without reading history. */
  availableBefore: number;
  /** Per (warehouse, product) level version; strictly increasing. */
  version: string;
  /** The store whose order caused the change, when one did (delta sync must not echo it back). */
  sourceStoreId: string | null;
  /** storeId → the part of the change in available caused by that store's orders (a batch may mix sources). */
  storeDeltas: Record<string, number>;
}

export interface ShipmentCreatedPayload {
  shipmentId: string;
  orderId: string;
  storeId: string | null;
}

export interface ReturnReceivedPayload {
  returnId: string;
  orderId: string | null;
  storeId: string | null;
}

export interface OrderCancelledPayload {
  orderId: string;
  storeId: string | null;
}

export interface WebhookReceivedPayload {
  /** The channel whose inbox holds it, e.g. shopify. */
  channel: string;
  inboxId: string;
}

/** What stock sync needs to know of a store at one moment. */
export interface StoreSyncSnapshot {
  status: 'connected' | 'needs_reauth' | 'disconnected';
  stockSync: { enabled: boolean; mode: 'absolute' | 'delta' } | null;
}

export interface StoreChangedPayload {
  storeId: string;
  /** Null for a store that did not exist before. */
  before: StoreSyncSnapshot | null;
  /** Null for a store that was removed (DELETE /stores/:id). */
  after: StoreSyncSnapshot | null;
}

export interface ChannelMappingsChangedPayload {
  storeId: string;
}

export interface NewOutboxEvent {
  topic: OutboxTopic;
  aggregateKey: string;
  payload:
    | StockChangedPayload
    | ShipmentCreatedPayload
    | ReturnReceivedPayload
    | OrderCancelledPayload
    | WebhookReceivedPayload
    | StoreChangedPayload
    | ChannelMappingsChangedPayload;
}
