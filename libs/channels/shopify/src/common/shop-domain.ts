const SHOP_NAME = /^[a-z0-9][a-z0-9-]{0,59}$/;

/**
 * The `{name}.myshopify.com` domain of what a merchant typed: a shop name, the domain, or a pasted admin URL
 * (`https://admin.shopify.com/store/{name}/…`, `https://{name}.myshopify.com/admin`). Null for anything else,
 * so no request is ever sent to another host.
 */
export function normaliseShopDomain(input: unknown): string | null {
  if (typeof input !== 'string') {
    return null;
  }
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
export function isShopDomain(value: unknown): value is string {
  if (typeof value !== 'string' || !value.endsWith('.myshopify.com')) {
    return false;
  }
  return SHOP_NAME.test(value.slice(0, -'.myshopify.com'.length));
}
