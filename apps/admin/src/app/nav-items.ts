import type { Role } from '../auth/role';

export interface NavItem {
  label: string;
  path: string;
  /** The least role that sees the page; the API refuses the same people. */
  role: Role;
}

export const NAV_ITEMS: NavItem[] = [
  { label: 'Stores', path: '/stores', role: 'viewer' },
  { label: 'Activity', path: '/activity', role: 'viewer' },
  { label: 'Orders', path: '/orders', role: 'viewer' },
  { label: 'JOOR exports', path: '/exports', role: 'viewer' },
  { label: 'Plugins', path: '/plugins', role: 'viewer' },
  { label: 'Users', path: '/users', role: 'admin' },
  { label: 'API keys', path: '/api-keys', role: 'admin' },
  { label: 'Audit log', path: '/audit-log', role: 'admin' },
];

/** The nav item a location belongs to (its first path segment), for highlighting. */
export function activeNavPath(location: string): string | null {
  const first = `/${location.split('/')[1] ?? ''}`;
  return NAV_ITEMS.find((item) => item.path === first)?.path ?? null;
}
