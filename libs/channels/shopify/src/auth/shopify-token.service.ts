import { Injectable } from '@nestjs/common';
import { ChannelAdapterException, ChannelErrorCode, StoreConnectionService, StoreService, type ChannelContext } from '@gantry/core';
import { ShopifyApiProvider } from '../common/shopify-api.provider';
import { credentialsFromTokenResponse, type ShopifyCredentials, type ShopifyTokenResponse } from './shopify-credentials';

// Refresh this long before expiry, so a call never starts with a token about to die.
const REFRESH_MARGIN_MS = 5 * 60_000;

/** The access token of a store's context; refreshes expiring tokens before expiry and stores the rotated pair. */
@Injectable()
export class ShopifyTokenService {
  // One refresh per store at a time in this process: refresh tokens are single-use.
  private readonly inFlight = new Map<string, Promise<ShopifyCredentials>>();

  constructor(
    private readonly api: ShopifyApiProvider,
    private readonly stores: StoreService,
    private readonly connections: StoreConnectionService,
  ) {}

  async accessToken(ctx: ChannelContext): Promise<string> {
    const credentials = ctx.credentials as unknown as ShopifyCredentials;
    if (typeof credentials.accessToken !== 'string' || credentials.accessToken.length === 0) {
      throw new ChannelAdapterException(ChannelErrorCode.AUTH_REVOKED, 'The store has no Shopify access token');
    }
    if (!credentials.refreshToken || !credentials.expiresAt || Date.parse(credentials.expiresAt) - Date.now() > REFRESH_MARGIN_MS) {
      return credentials.accessToken;
    }
    let pending = this.inFlight.get(ctx.storeId);
    if (!pending) {
      pending = this.refresh(ctx.storeId, ctx.externalAccountId, credentials.refreshToken).finally(() => this.inFlight.delete(ctx.storeId));
      this.inFlight.set(ctx.storeId, pending);
    }
    return (await pending).accessToken;
  }

  private async refresh(storeId: string, shop: string, refreshToken: string): Promise<ShopifyCredentials> {
    // Another process may have rotated it already: use the stored pair when it is newer.
    const stored = await this.stores.storedCredentials<ShopifyCredentials & Record<string, unknown>>(storeId);
    if (!stored) {
      throw new ChannelAdapterException(ChannelErrorCode.AUTH_REVOKED, 'The store was disconnected');
    }
    if (
      stored.refreshToken &&
      stored.refreshToken !== refreshToken &&
      stored.expiresAt &&
      Date.parse(stored.expiresAt) - Date.now() > REFRESH_MARGIN_MS
    ) {
      return stored;
    }
    const response = await this.api.fetch(this.api.shopUrl(shop, '/admin/oauth/access_token'), {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({
        client_id: this.api.apiKey,
        client_secret: this.api.apiSecret,
        grant_type: 'refresh_token',
        refresh_token: refreshToken,
      }),
    });
    if (response.status === 400 || response.status === 401) {
      throw new ChannelAdapterException(ChannelErrorCode.AUTH_REVOKED, `Shopify refused the refresh token (HTTP ${response.status})`);
    }
    if (!response.ok) {
      throw new ChannelAdapterException(ChannelErrorCode.TEMPORARY, `Shopify token refresh failed (HTTP ${response.status})`);
    }
    const credentials = credentialsFromTokenResponse((await response.json()) as ShopifyTokenResponse);
    await this.connections.rotateCredentials(storeId, { ...credentials });
    return credentials;
  }
}
