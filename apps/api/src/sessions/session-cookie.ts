import type { NodeEnv } from '@gantry/core';
import type { CookieOptions } from 'express';

/** The admin's session cookie. */
export const SESSION_COOKIE = 'gantry_session';
/** Idle lifetime of a session: each request within it extends it by as much again (rolling). */
export const SESSION_MAX_AGE_MS = 12 * 3600_000;
/** The header that carries the session's CSRF token on state-changing requests. */
export const CSRF_HEADER = 'x-csrf-token';

/** httpOnly, SameSite=Lax (the Shopify OAuth return is a cross-site top-level GET), Secure outside development/test/demo. */
export function sessionCookieOptions(nodeEnv: NodeEnv): CookieOptions & { secure: boolean } {
  return {
    httpOnly: true,
    sameSite: 'lax',
    secure: nodeEnv === 'production',
    path: '/',
    maxAge: SESSION_MAX_AGE_MS,
  };
}
