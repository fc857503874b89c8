/** Webhook topics the connector subscribes to, as GraphQL enum values (WebhookSubscriptionTopic, 2026-07). */
export const SHOPIFY_WEBHOOK_TOPICS = [
  'ORDERS_CREATE',
  'ORDERS_UPDATED',
  'ORDERS_PAID',
  'ORDERS_CANCELLED',
  'ORDERS_EDITED',
  'ORDERS_FULFILLED',
  'FULFILLMENTS_CREATE',
  'FULFILLMENT_ORDERS_PLACED_ON_HOLD',
  'FULFILLMENT_ORDERS_HOLD_RELEASED',
  'FULFILLMENT_ORDERS_MOVED',
  'INVENTORY_LEVELS_UPDATE',
  'RETURNS_REQUEST',
  'RETURNS_APPROVE',
  'RETURNS_DECLINE',
  'RETURNS_CANCEL',
  'RETURNS_CLOSE',
  'RETURNS_REOPEN',
  'APP_UNINSTALLED',
] as const;

export const APP_UNINSTALLED_TOPIC = 'app/uninstalled';

/** Mandatory privacy topics: configured in the app's TOML, never through the API; answered even for unknown shops. */
export const SHOPIFY_COMPLIANCE_TOPICS: readonly string[] = ['customers/data_request', 'customers/redact', 'shop/redact'];

/** ORDERS_CREATE → orders/create, the form the X-Shopify-Topic header uses. */
export function topicHeaderName(enumValue: string): string {
  const lower = enumValue.toLowerCase();
  const prefixes = ['app', 'orders', 'fulfillment_orders', 'fulfillments', 'inventory_levels', 'returns'];
  const prefix = prefixes.find((p) => lower.startsWith(`${p}_`));
  return prefix ? `${prefix}/${lower.slice(prefix.length + 1)}` : lower;
}
