import '@shopify/shopify-api/adapters/node';
import { Injectable } from '@nestjs/common';
import { AppConfig, DomainErrorCode, DomainException } from '@gantry/core';
import { type ApiVersion, LogSeverity, shopifyApi, type Shopify } from '@shopify/shopify-api';
import { setAbstractFetchFunc } from '@shopify/shopify-api/runtime';
import { isShopDomain } from './shop-domain';
import { SHOPIFY_REQUIRED_SCOPES } from './shopify-scopes';

type FetchFn = typeof globalThis.fetch;

/**
 * The one configured `shopifyApi` (configuration only: no per-store state) and the fetch every Shopify-bound
 * request goes through. With SHOPIFY_SANDBOX_URL set, `https://{shop}/…` is sent to `{sandbox}/{shop}/…` (research §6.5).
 */
@Injectable()
export class ShopifyApiProvider {
  readonly apiVersion: string;
  readonly fetch: FetchFn;
  private readonly api: Shopify | null;

  constructor(private readonly config: AppConfig) {
    this.apiVersion = config.SHOPIFY_API_VERSION;
    this.fetch = ShopifyApiProvider.buildFetch(config.SHOPIFY_SANDBOX_URL);
    if (config.SHOPIFY_SANDBOX_URL) {
      setAbstractFetchFunc(this.fetch);
    }
    this.api =
      config.SHOPIFY_API_KEY && config.SHOPIFY_API_SECRET
        ? shopifyApi({
            apiKey: config.SHOPIFY_API_KEY,
            apiSecretKey: config.SHOPIFY_API_SECRET,
            scopes: [...SHOPIFY_REQUIRED_SCOPES],
            hostName: new URL(config.APP_URL).host,
            hostScheme: new URL(config.APP_URL).protocol === 'http:' ? 'http' : 'https',
            apiVersion: config.SHOPIFY_API_VERSION as ApiVersion,
            isEmbeddedApp: false,
            logger: { level: LogSeverity.Error, log: () => Promise.resolve() },
          })
        : null;
  }

  /** The configured library; UNAVAILABLE when SHOPIFY_API_KEY/SECRET are not set. */
  get shopify(): Shopify {
    if (!this.api) {
      throw new DomainException(DomainErrorCode.UNAVAILABLE, 'Shopify is not configured: set SHOPIFY_API_KEY and SHOPIFY_API_SECRET');
    }
    return this.api;
  }

  get apiKey(): string {
    return this.shopify.config.apiKey;
  }

  get apiSecret(): string {
    return this.shopify.config.apiSecretKey;
  }

  /** Our public base URL, without a trailing slash. */
  get appUrl(): string {
    return this.config.APP_URL.replace(/\/+$/, '');
  }

  /** Offline tokens that expire hourly and come with a refresh token (Shopify requires them for public apps from 2027). */
  get expiringTokens(): boolean {
    return this.config.SHOPIFY_EXPIRING_TOKENS;
  }

  /** A Shopify page for the merchant's browser; on the sandbox when one is configured. */
  browserUrl(shop: string, path: string): string {
    const url = this.shopUrl(shop, path);
    const sandbox = this.config.SHOPIFY_SANDBOX_URL?.replace(/\/+$/, '');
    return sandbox ? `${sandbox}/${shop}${path}` : url;
  }

  /** `https://{shop}` — rewritten to the sandbox by `fetch` when one is configured. */
  shopUrl(shop: string, path: string): string {
    if (!isShopDomain(shop)) {
      throw DomainException.invalid(`${String(shop)} is not a myshopify.com domain`, [
        { field: 'shopDomain', message: 'must be a myshopify.com domain' },
      ]);
    }
    return `https://${shop}${path}`;
  }

  private static buildFetch(sandboxUrl: string | undefined): FetchFn {
    const realFetch = globalThis.fetch;
    if (!sandboxUrl) {
      return realFetch;
    }
    const base = sandboxUrl.replace(/\/+$/, '');
    return (input, init) => {
      const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.toString() : input.url);
      if (url.protocol === 'https:' && isShopDomain(url.hostname)) {
        return realFetch(`${base}/${url.hostname}${url.pathname}${url.search}`, init);
      }
      return realFetch(url.toString(), init);
    };
  }
}
