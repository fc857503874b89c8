import { createHmac, timingSafeEqual } from 'node:crypto';

/** Shopify's OAuth query signature: hex HMAC-SHA256 over the sorted, URL-encoded query without `hmac`. */
export class OAuthHmac {
  static message(params: Record<string, string>): string {
    const search = new URLSearchParams();
    for (const key of Object.keys(params)
      .filter((k) => k !== 'hmac' && k !== 'signature')
      .sort((a, b) => a.localeCompare(b))) {
      search.append(key, params[key]);
    }
    return search.toString();
  }

  static sign(params: Record<string, string>, secret: string): string {
    return createHmac('sha256', secret).update(OAuthHmac.message(params)).digest('hex');
  }

  static verify(params: Record<string, string>, secret: string): boolean {
    const expected = Buffer.from(OAuthHmac.sign(params, secret));
    const given = Buffer.from(params.hmac ?? '');
    return given.length === expected.length && timingSafeEqual(given, expected);
  }
}
