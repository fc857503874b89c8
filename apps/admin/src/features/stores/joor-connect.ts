import type { Store } from './stores.api';
import { SHOPIFY_CHANNEL } from './store-view';

export interface JoorConnectInput {
  name: string;
  apiToken: string;
  shopifyStoreId: string;
}

/**
 * The body of POST /stores/joor, trimmed as the API trims it, or the problems the API would answer (same limits:
 * name 1–200, token 8–500 characters, a target store), keyed by the API's field names.
 */
export function joorConnectRequest(input: JoorConnectInput): { body: JoorConnectInput } | { problems: Record<string, string> } {
  const body = { name: input.name.trim(), apiToken: input.apiToken.trim(), shopifyStoreId: input.shopifyStoreId };
  const problems: Record<string, string> = {};
  if (body.name.length === 0) {
    problems.name = 'Enter a name for the store';
  } else if (body.name.length > 200) {
    problems.name = 'A name has at most 200 characters';
  }
  if (body.apiToken.length < 8 || body.apiToken.length > 500) {
    problems.apiToken = 'Paste the API token JOOR support issued (8 to 500 characters)';
  }
  if (!body.shopifyStoreId) {
    problems.shopifyStoreId = 'Choose the Shopify store that takes the orders';
  }
  return Object.keys(problems).length > 0 ? { problems } : { body };
}

/** The stores a JOOR account can export to: connected Shopify stores. */
export function joorTargets(stores: Store[]): { value: string; label: string }[] {
  return stores
    .filter((s) => s.channel === SHOPIFY_CHANNEL && s.status === 'connected')
    .map((s) => ({ value: s.id, label: s.name === s.externalAccountId ? s.name : `${s.name} (${s.externalAccountId})` }));
}
