export { ShopifyModule } from './shopify.module';
export { ShopifyWorkerModule } from './shopify-worker.module';
export { ShopifyChannelAdapter, SHOPIFY_CHANNEL_KEY, type ShopifyCatalogItem } from './shopify-channel.adapter';
export {
  ShopifyStoreSettings,
  ShopifyOrderFilterSettings,
  ShopifyFulfillmentSettings,
  ShopifyReturnSettings,
} from './settings/shopify-store.settings';
export {
  ShopifyGraphqlClient,
  parseLossless,
  type GraphqlResult,
  type GraphqlCost,
  type UserError,
} from './graphql/shopify-graphql.client';
export { ShopifyApiProvider } from './common/shopify-api.provider';
export { normaliseShopDomain, isShopDomain } from './common/shop-domain';
export { SHOPIFY_REQUIRED_SCOPES, missingScopes } from './common/shopify-scopes';
export { SHOPIFY_WEBHOOK_TOPICS, SHOPIFY_COMPLIANCE_TOPICS } from './common/shopify-topics';
export { WebhookSubscriptionService } from './webhooks/webhook-subscription.service';
export { WebhookRegistrationBootJob } from './webhooks/webhook-registration.boot.job';
export type { ShopifyCredentials } from './auth/shopify-credentials';
export { ProductSyncService, PRODUCT_SYNC_KIND, type ProductSyncView, type ProductMappingView } from './products/product-sync.service';
export { ShopifyLocationService, type ShopifyLocation, type LocationMappingView } from './locations/shopify-location.service';
export { SHOPIFY_MIGRATIONS } from './migrations';
