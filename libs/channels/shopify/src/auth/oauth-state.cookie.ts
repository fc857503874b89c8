import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { AuditActor, AuditActorKind } from '@gantry/core';

export const OAUTH_COOKIE_PATH = '/api/v1/auth/shopify';
export const OAUTH_COOKIE_TTL_MS = 10 * 60_000;
const ACTOR_KINDS: readonly AuditActorKind[] = ['user', 'api_key', 'system'];

export interface OAuthState {
  storeId: string;
  shop: string;
  nonce: string;
  expiresAt: number;
  /**
   * The person or key that started the flow: the callback is public (the merchant's browser comes back from Shopify),
   * so the audit entry of the connect names them from here. Signed with the rest, so it cannot be forged.
   */
  actor?: AuditActor;
}

/**
 * The OAuth nonce, bound to the browser that started the flow: a signed, httpOnly cookie per shop
 * (so flows for two shops in one browser do not overwrite each other).
 */
export class OAuthStateCookie {
  private readonly key: Buffer;

  constructor(secret: string) {
    // A key of its own, so the cookie signature can never double as a Shopify HMAC.
    this.key = createHmac('sha256', secret).update('gantry:shopify-oauth-cookie').digest();
  }

  static cookieName(shop: string): string {
    return `gantry_shopify_oauth_${shop.replace(/\.myshopify\.com$/, '').replace(/[^a-z0-9-]/g, '')}`;
  }

  static newNonce(): string {
    return randomBytes(32).toString('hex');
  }

  sign(state: OAuthState): string {
    const body = Buffer.from(JSON.stringify(state)).toString('base64url');
    return `${body}.${this.mac(body)}`;
  }

  /** The state the cookie holds, or null when it is missing, forged or expired. */
  verify(value: string | undefined, now = Date.now()): OAuthState | null {
    if (!value) {
      return null;
    }
    const [body, mac] = value.split('.');
    if (!body || !mac) {
      return null;
    }
    const expected = Buffer.from(this.mac(body));
    const given = Buffer.from(mac);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
      return null;
    }
    try {
      const state = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as OAuthState;
      if (typeof state.nonce !== 'string' || typeof state.storeId !== 'string' || !(state.expiresAt > now)) {
        return null;
      }
      return isActor(state.actor) ? state : { ...state, actor: undefined };
    } catch {
      return null;
    }
  }

  static sameNonce(a: string, b: string | undefined): boolean {
    if (!b) {
      return false;
    }
    const x = Buffer.from(a);
    const y = Buffer.from(b);
    return x.length === y.length && timingSafeEqual(x, y);
  }

  private mac(body: string): string {
    return createHmac('sha256', this.key).update(body).digest('base64url');
  }
}

function isActor(value: unknown): value is AuditActor {
  const actor = value as Partial<AuditActor> | null | undefined;
  return (
    typeof actor === 'object' &&
    actor !== null &&
    ACTOR_KINDS.includes(actor.kind as AuditActorKind) &&
    (actor.id === null || typeof actor.id === 'string') &&
    typeof actor.label === 'string'
  );
}
