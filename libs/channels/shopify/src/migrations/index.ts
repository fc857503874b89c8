import { CreateShopifyWebhookInbox1765000002000 } from './1765000002000-create-shopify-webhook-inbox';
import { WebhookInboxStoreRemoval1765000002100 } from './1765000002100-webhook-inbox-store-removal';

/** Shopify's own tables, in order. */
export const SHOPIFY_MIGRATIONS = [CreateShopifyWebhookInbox1765000002000, WebhookInboxStoreRemoval1765000002100];
