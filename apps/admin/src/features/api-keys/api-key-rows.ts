import type { Role } from '../../auth/role';
import type { ApiKey, CreateApiKeyBody } from './api-keys.api';

/** One key as the table shows it. */
export interface ApiKeyRow {
  id: string;
  name: string;
  role: Role;
  /** The public part, so people can tell which key a machine holds: `gk_<prefix>_…`. */
  shown: string;
  status: 'active' | 'revoked';
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

/** Active keys first, then revoked ones; each group oldest first, as the API lists them. */
export function apiKeyRows(keys: readonly ApiKey[]): ApiKeyRow[] {
  const rows = keys.map((key): ApiKeyRow => ({
    id: key.id,
    name: key.name,
    role: key.role,
    shown: `gk_${key.prefix}_…`,
    status: key.revokedAt ? 'revoked' : 'active',
    createdAt: key.createdAt,
    lastUsedAt: key.lastUsedAt,
    revokedAt: key.revokedAt,
  }));
  return [...rows.filter((r) => r.status === 'active'), ...rows.filter((r) => r.status === 'revoked')];
}

export const API_KEY_NAME_MAX = 100;

/** The create form's body, or the message per field the API would refuse (it checks again). */
export function createApiKeyRequest(
  name: string,
  role: Role | null,
): { body: CreateApiKeyBody; errors: null } | { body: null; errors: Partial<Record<'name' | 'role', string>> } {
  const trimmed = name.trim();
  const errors: Partial<Record<'name' | 'role', string>> = {};
  if (!trimmed) {
    errors.name = 'Say what the key is for';
  } else if (trimmed.length > API_KEY_NAME_MAX) {
    errors.name = `At most ${API_KEY_NAME_MAX} characters`;
  }
  if (!role) {
    errors.role = 'Choose a role';
  }
  return role && Object.keys(errors).length === 0 ? { body: { name: trimmed, role }, errors: null } : { body: null, errors };
}
