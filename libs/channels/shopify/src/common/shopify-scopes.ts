/** Access scopes the connector asks for (research §5.3–5.4). */
export const SHOPIFY_REQUIRED_SCOPES = [
  'read_inventory',
  'write_inventory',
  'read_products',
  'write_products',
  'read_orders',
  'write_orders',
  'read_merchant_managed_fulfillment_orders',
  'write_merchant_managed_fulfillment_orders',
  'read_returns',
  'write_returns',
  'read_locations',
  'read_customers',
  'write_customers',
] as const;

/** Required scopes the grant does not cover; Shopify may report only write_x for read_x + write_x ("write includes read"). */
export function missingScopes(granted: readonly string[], required: readonly string[] = SHOPIFY_REQUIRED_SCOPES): string[] {
  const have = new Set(granted.map((s) => s.trim()).filter(Boolean));
  return required.filter((scope) => !have.has(scope) && !(scope.startsWith('read_') && have.has(`write_${scope.slice(5)}`)));
}
