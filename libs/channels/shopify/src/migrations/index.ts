import { CreateShopifyWebhookInbox1765000002000 } from './1765000002000-create-shopify-webhook-inbox';

/** Shopify's own tables, in order. */
export const SHOPIFY_MIGRATIONS = [CreateShopifyWebhookInbox1765000002000];
