import { randomBytes } from 'node:crypto';
import { SandboxStore } from '../state/sandbox-store';
import { OAuthHmac } from './oauth-hmac';

const text = (v: unknown, fallback: string): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : fallback);
const CODE_TTL_MS = 60_000;
const ACCESS_TTL_S = 3600;
const REFRESH_TTL_S = 7_776_000;

export interface ApprovalInput {
  shop: string;
  clientId: string;
  scope: string;
  redirectUri: string;
  state: string;
}

export class OAuthError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** Authorization codes, offline tokens (expiring or not) and refresh-token rotation, as Shopify issues them. */
export class OAuthService {
  constructor(private readonly store: SandboxStore) {}

  /** The redirect Shopify sends the merchant to after "Install": code, hmac, host, shop, state, timestamp. */
  approve(input: ApprovalInput): string {
    const shop = this.store.shop(input.shop);
    const app = this.store.raw.apps[input.clientId];
    if (!shop || !app) {
      throw new OAuthError(404, 'not_found', 'Unknown shop or client_id');
    }
    const code = randomBytes(16).toString('hex');
    const scopes = input.scope
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    this.store.raw.oauthCodes[code] = { code, shop: shop.domain, apiKey: app.apiKey, scopes, expiresAt: this.store.nowMs() + CODE_TTL_MS };
    const params: Record<string, string> = {
      code,
      host: Buffer.from(`admin.shopify.com/store/${shop.name}`).toString('base64').replace(/=+$/, ''),
      shop: shop.domain,
      state: input.state,
      timestamp: String(Math.floor(Date.now() / 1000)),
    };
    params.hmac = OAuthHmac.sign(params, app.apiSecret);
    const url = new URL(input.redirectUri);
    for (const [k, v] of Object.entries(params)) {
      url.searchParams.set(k, v);
    }
    return url.toString();
  }

  exchange(shopDomain: string, body: Record<string, unknown>): Record<string, unknown> {
    const shop = SandboxStore.normalizeShop(shopDomain);
    const clientId = text(body.client_id, '');
    const app = this.store.raw.apps[clientId];
    if (!app || app.apiSecret !== text(body.client_secret, '')) {
      throw new OAuthError(400, 'invalid_client', 'Client authentication failed: invalid client_id or client_secret');
    }
    if (body.grant_type === 'refresh_token') {
      const value = text(body.refresh_token, '');
      const refresh = this.store.raw.refreshTokens[value];
      if (!refresh || refresh.shop !== shop || refresh.apiKey !== clientId || refresh.expiresAt <= this.store.nowMs()) {
        throw new OAuthError(400, 'invalid_grant', 'The refresh token is invalid, expired or already used');
      }
      delete this.store.raw.refreshTokens[value];
      return this.issue(shop, clientId, refresh.scopes, true);
    }
    const code = this.store.raw.oauthCodes[text(body.code, '')];
    if (!code || code.shop !== shop || code.apiKey !== clientId || code.expiresAt <= this.store.nowMs()) {
      throw new OAuthError(400, 'invalid_request', 'The authorization code was not found or was already used');
    }
    delete this.store.raw.oauthCodes[code.code];
    const shopData = this.store.requireShop(shop);
    shopData.installations[clientId] = { apiKey: clientId, scopes: code.scopes, installedAt: this.store.isoNow() };
    const expiring = text(body.expiring, '0') === '1';
    return this.issue(shop, clientId, code.scopes, expiring);
  }

  private issue(shop: string, apiKey: string, scopes: string[], expiring: boolean): Record<string, unknown> {
    const token = `shpat_${randomBytes(16).toString('hex')}`;
    const now = this.store.nowMs();
    this.store.raw.tokens[token] = { token, shop, apiKey, staff: false, scopes, expiresAt: expiring ? now + ACCESS_TTL_S * 1000 : null };
    const scope = scopes.join(',');
    if (!expiring) {
      return { access_token: token, scope };
    }
    // One refreshable token per app and shop: issuing a new one retires older refresh tokens.
    for (const [value, r] of Object.entries(this.store.raw.refreshTokens)) {
      if (r.shop === shop && r.apiKey === apiKey) {
        delete this.store.raw.refreshTokens[value];
      }
    }
    const refresh = `shprt_${randomBytes(16).toString('hex')}`;
    this.store.raw.refreshTokens[refresh] = { token: refresh, shop, apiKey, scopes, expiresAt: now + REFRESH_TTL_S * 1000 };
    return { access_token: token, expires_in: ACCESS_TTL_S, refresh_token: refresh, refresh_token_expires_in: REFRESH_TTL_S, scope };
  }
}
