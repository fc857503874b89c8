import { CreateShopifyWebhookInbox1765000002000 } from './1765000002000-create-shopify-webhook-inbox';
import { WebhookInboxStoreRemoval1765000002100 } from './1765000002100-webhook-inbox-store-removal';
import { WebhookInboxPrivacy1765000002200 } from './1765000002200-webhook-inbox-privacy';

/** Shopify's own tables, in order. */
export const SHOPIFY_MIGRATIONS = [
  CreateShopifyWebhookInbox1765000002000,
  WebhookInboxStoreRemoval1765000002100,
  WebhookInboxPrivacy1765000002200,
];
