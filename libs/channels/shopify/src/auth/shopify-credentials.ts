/** What a connected Shopify store keeps, encrypted, in store.credentials_encrypted. */
export interface ShopifyCredentials {
  accessToken: string;
  /** Only with expiring offline tokens. */
  refreshToken?: string;
  /** ISO time the access token expires, with expiring tokens. */
  expiresAt?: string;
  refreshTokenExpiresAt?: string;
  scope: string;
}

/** The token endpoint's answer (research §5.1). */
export interface ShopifyTokenResponse {
  access_token: string;
  scope: string;
  expires_in?: number;
  refresh_token?: string;
  refresh_token_expires_in?: number;
}

export function credentialsFromTokenResponse(body: ShopifyTokenResponse, now = Date.now()): ShopifyCredentials {
  return {
    accessToken: body.access_token,
    scope: body.scope,
    ...(body.refresh_token ? { refreshToken: body.refresh_token } : {}),
    ...(body.expires_in ? { expiresAt: new Date(now + body.expires_in * 1000).toISOString() } : {}),
    ...(body.refresh_token_expires_in ? { refreshTokenExpiresAt: new Date(now + body.refresh_token_expires_in * 1000).toISOString() } : {}),
  };
}
