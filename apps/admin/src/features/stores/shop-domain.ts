// Mirrors the API's check (libs/channels/shopify/src/common/shop-domain.ts) so a typo is caught before any request;
// the API checks again and its answer wins.
const SHOP_NAME = /^[a-z0-9][a-z0-9-]{0,59}$/;

/**
 * The `{name}.myshopify.com` domain of what a merchant typed: a shop name, the domain, or a pasted admin URL
 * (`https://admin.shopify.com/store/{name}/…`, `https://{name}.myshopify.com/admin`). Null for anything else.
 */
export function normaliseShopDomain(input: string): string | null {
  const text = input.trim().toLowerCase();
  if (text.length === 0 || text.length > 300) {
    return null;
  }
  if (SHOP_NAME.test(text)) {
    return `${text}.myshopify.com`;
  }
  let url: URL;
  try {
    url = new URL(/^[a-z]+:\/\//.test(text) ? text : `https://${text}`);
  } catch {
    return null;
  }
  if (!['https:', 'http:'].includes(url.protocol) || url.username || url.password || url.port) {
    return null;
  }
  if (url.hostname === 'admin.shopify.com') {
    const match = /^\/store\/([^/]+)/.exec(url.pathname);
    return match?.[1] && SHOP_NAME.test(match[1]) ? `${match[1]}.myshopify.com` : null;
  }
  return isShopDomain(url.hostname) ? url.hostname : null;
}

/** Exactly `{name}.myshopify.com`: nothing before, nothing after. */
export function isShopDomain(value: string): boolean {
  return value.endsWith('.myshopify.com') && SHOP_NAME.test(value.slice(0, -'.myshopify.com'.length));
}

/** The message under the shop domain field, or null when the API would take it. */
export function shopDomainProblem(input: string): string | null {
  if (input.trim() === '') {
    return 'Enter the shop domain, e.g. your-store.myshopify.com';
  }
  if (input.trim().length > 300) {
    return 'A shop domain has at most 300 characters';
  }
  return normaliseShopDomain(input) ? null : 'Enter a shop name, your-store.myshopify.com or a Shopify admin URL';
}
