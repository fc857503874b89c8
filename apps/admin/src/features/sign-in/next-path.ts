const BASE = '/admin';

/**
 * Where to go after signing in: the page the person asked for, inside the admin only (never another origin, never
 * `//host`), as a path relative to the admin's base; anything else goes to the stores.
 */
export function nextPath(next: string | null | undefined): string {
  if (!next || !next.startsWith(`${BASE}/`) || next.startsWith('//') || next.includes('\\')) {
    return '/stores';
  }
  const inside = next.slice(BASE.length);
  if (inside.startsWith('//') || inside === '/' || inside.startsWith('/sign-in') || inside.startsWith('/accept-invitation')) {
    return '/stores';
  }
  return inside;
}
