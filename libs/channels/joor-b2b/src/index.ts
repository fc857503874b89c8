export { JoorB2bModule } from './joor-b2b.module';
export { JoorChannelAdapter, JOOR_CHANNEL_KEY, JOOR_PAGE_SIZE, type JoorPendingPage, type JoorRejectedOrder } from './joor-channel.adapter';
export { JoorStoreSettings } from './settings/joor-store.settings';
export { JoorApiClient, JOOR_DEFAULT_RETRY_AFTER_MS, type JoorOrderList, type JoorQuery } from './client/joor-api.client';
export { JoorApiConfig, JOOR_TIMEOUT_MS } from './client/joor-api.config';
export type { JoorCredentials } from './client/joor-credentials';
export { JoorOrderMapper, type JoorOrderPayload } from './orders/joor-order.mapper';
