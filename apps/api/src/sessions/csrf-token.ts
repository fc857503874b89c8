import { randomBytes, timingSafeEqual } from 'node:crypto';

/** Synchronizer tokens: one random token per session, compared in constant time with the X-CSRF-Token header. */
export class CsrfToken {
  static create(): string {
    return randomBytes(32).toString('base64url');
  }

  /** Whether the presented header matches the session's token (false when either is missing). */
  static matches(expected: string | undefined, presented: string | string[] | undefined): boolean {
    if (!expected || typeof presented !== 'string') {
      return false;
    }
    const a = Buffer.from(expected);
    const b = Buffer.from(presented);
    return a.length === b.length && timingSafeEqual(a, b);
  }

  /**
   * Whether the browser marks the request as sent by a page of this very origin (Fetch Metadata). Browsers set
   * Sec-Fetch-Site themselves and no page can change it, so a page on another site cannot pass for us.
   */
  static fromSameOrigin(headers: Record<string, string | string[] | undefined>): boolean {
    return headers['sec-fetch-site'] === 'same-origin';
  }

  /** Methods that change state and so need the token when a session cookie authenticates them. */
  static needed(method: string): boolean {
    return !['GET', 'HEAD', 'OPTIONS'].includes(method.toUpperCase());
  }
}
