import { Injectable, Logger } from '@nestjs/common';
import {
  AuditService,
  ChannelAdapterException,
  DomainException,
  PluginService,
  StoreConnectionService,
  StoreService,
  SYSTEM_ACTOR,
} from '@gantry/core';
import { isShopDomain, normaliseShopDomain } from '../common/shop-domain';
import { ShopifyApiProvider } from '../common/shopify-api.provider';
import { SHOPIFY_CHANNEL_KEY, ShopifyChannelAdapter } from '../shopify-channel.adapter';
import { WebhookSubscriptionService } from '../webhooks/webhook-subscription.service';
import { OAUTH_COOKIE_TTL_MS, OAuthStateCookie } from './oauth-state.cookie';

export interface ConnectBegun {
  storeId: string;
  authorizeUrl: string;
  cookie: { name: string; value: string };
}

/** Adding a Shopify store: the store row, the OAuth round trip, and what happens on connect. */
@Injectable()
export class ShopifyConnectService {
  private readonly logger = new Logger(ShopifyConnectService.name);
  private cookieSigner?: OAuthStateCookie;

  constructor(
    private readonly api: ShopifyApiProvider,
    private readonly adapter: ShopifyChannelAdapter,
    private readonly plugins: PluginService,
    private readonly stores: StoreService,
    private readonly connections: StoreConnectionService,
    private readonly subscriptions: WebhookSubscriptionService,
    private readonly audit: AuditService,
  ) {}

  get redirectUri(): string {
    return `${this.api.appUrl}/api/v1/auth/shopify/callback`;
  }

  /** Creates the store (or finds it again: reconnecting keeps its id and mappings) and starts OAuth. */
  async begin(shopDomain: unknown): Promise<ConnectBegun> {
    const shop = normaliseShopDomain(shopDomain);
    if (!shop) {
      throw DomainException.invalid('shopDomain must be a shop name, a {name}.myshopify.com domain or a Shopify admin URL', [
        { field: 'shopDomain', message: 'is not a valid myshopify.com shop' },
      ]);
    }
    await this.plugins.assertAcceptsConnections(SHOPIFY_CHANNEL_KEY);
    const storeId = await this.findOrCreateStore(shop);
    const nonce = OAuthStateCookie.newNonce();
    const { authorizeUrl } = await this.adapter.beginConnect({
      storeId,
      externalAccountId: shop,
      state: nonce,
      redirectUri: this.redirectUri,
    });
    // Who asks, carried to the callback (a public route) for the audit entry of the connect.
    const actor = this.audit.currentActor();
    const value = this.signer().sign({ storeId, shop, nonce, expiresAt: Date.now() + OAUTH_COOKIE_TTL_MS, actor });
    return { storeId, authorizeUrl, cookie: { name: OAuthStateCookie.cookieName(shop), value } };
  }

  /**
   * Verifies the redirect back (shop, state = the nonce of this browser's cookie, HMAC) and stores the token encrypted.
   * Returns the store id; fewer scopes than required leave the store needs_reauth with the missing ones listed. The
   * audit entry names whoever started the flow (from the signed state) and this callback's request.
   */
  async complete(
    query: Record<string, string | undefined>,
    cookies: Record<string, string | undefined>,
    requestId: string | null = null,
  ): Promise<string> {
    const shop = query.shop;
    if (!isShopDomain(shop)) {
      throw DomainException.invalid('Invalid OAuth callback: unknown shop', [{ field: 'shop', message: 'is not a myshopify.com domain' }]);
    }
    const state = this.signer().verify(cookies[OAuthStateCookie.cookieName(shop)]);
    if (!state || state.shop !== shop || !OAuthStateCookie.sameNonce(state.nonce, query.state)) {
      throw DomainException.invalid('Invalid OAuth callback: the state does not match this browser’s sign-in', [
        { field: 'state', message: 'does not match' },
      ]);
    }
    await this.plugins.assertAcceptsConnections(SHOPIFY_CHANNEL_KEY);
    let result;
    try {
      result = await this.adapter.completeConnect({ externalAccountId: shop, query });
    } catch (error) {
      if (error instanceof ChannelAdapterException) {
        throw DomainException.invalid(`Invalid OAuth callback: ${error.message}`, [{ field: 'hmac', message: error.message }]);
      }
      throw error;
    }
    // Missing scopes leave the store needs_reauth in the same change (stock sync never sees it connected meanwhile).
    await this.connections.completeConnect(
      state.storeId,
      result.credentials,
      { scopes: result.scopes, missingScopes: result.missingScopes },
      { actor: state.actor ?? SYSTEM_ACTOR, requestId },
    );
    await this.registerWebhooks(state.storeId);
    return state.storeId;
  }

  /** Where the browser lands after the callback. */
  adminPage(storeId: string): string {
    return `${this.api.appUrl}/admin/stores/${storeId}`;
  }

  // A failure here must not undo the connect: the token is stored, and connecting again retries the registration.
  private async registerWebhooks(storeId: string): Promise<void> {
    try {
      await this.subscriptions.ensure(await this.stores.contextFor(storeId));
    } catch (error) {
      this.logger.error({ storeId, err: error }, 'webhook registration failed');
    }
  }

  // Not connected until the callback stores a token: a new store starts without credentials.
  private async findOrCreateStore(shop: string): Promise<string> {
    return (await this.connections.findOrCreatePending(SHOPIFY_CHANNEL_KEY, shop, shop.replace(/\.myshopify\.com$/, ''))).id;
  }

  private signer(): OAuthStateCookie {
    this.cookieSigner ??= new OAuthStateCookie(this.api.apiSecret);
    return this.cookieSigner;
  }
}
