import type { Role } from '../../auth/role';
import type { ApiKey, CreateApiKeyBody } from './api-keys.api';

/** One key as the table shows it. */
export interface ApiKeyRow {
  id: string;
  name: string;
  role: Role;
  /** The public part, so people can tell which key a machine holds: `gk_<prefix>_…`. */
  shown: string;
  status: 'active' | 'expired' | 'revoked';
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string | null;
  revokedAt: string | null;
}

const STATUS_ORDER: Record<ApiKeyRow['status'], number> = { active: 0, expired: 1, revoked: 2 };

/** Active keys first, then expired, then revoked ones; each group oldest first, as the API lists them. */
export function apiKeyRows(keys: readonly ApiKey[], now: number = Date.now()): ApiKeyRow[] {
  const rows = keys.map((key): ApiKeyRow => ({
    id: key.id,
    name: key.name,
    role: key.role,
    shown: `gk_${key.prefix}_…`,
    status: key.revokedAt ? 'revoked' : key.expiresAt && new Date(key.expiresAt).getTime() <= now ? 'expired' : 'active',
    createdAt: key.createdAt,
    lastUsedAt: key.lastUsedAt,
    expiresAt: key.expiresAt,
    revokedAt: key.revokedAt,
  }));
  return rows
    .map((row, index) => ({ row, index }))
    .sort((a, b) => STATUS_ORDER[a.row.status] - STATUS_ORDER[b.row.status] || a.index - b.index)
    .map((r) => r.row);
}

export const API_KEY_NAME_MAX = 100;

/** How long a new key lives: never, a number of days from now, or until a date (00:00 UTC). */
export type ExpiryChoice = 'never' | '7' | '30' | '90' | '365' | 'date';

export const EXPIRY_CHOICES: readonly { value: ExpiryChoice; label: string }[] = [
  { value: 'never', label: 'Never' },
  { value: '7', label: 'In 7 days' },
  { value: '30', label: 'In 30 days' },
  { value: '90', label: 'In 90 days' },
  { value: '365', label: 'In a year' },
  { value: 'date', label: 'On a date…' },
];

type CreateFields = 'name' | 'role' | 'expiresAt';

/** The create form's body, or the message per field the API would refuse (it checks again). */
export function createApiKeyRequest(
  name: string,
  role: Role | null,
  expiry: { choice: ExpiryChoice; date: string } = { choice: 'never', date: '' },
  now: number = Date.now(),
): { body: CreateApiKeyBody; errors: null } | { body: null; errors: Partial<Record<CreateFields, string>> } {
  const trimmed = name.trim();
  const errors: Partial<Record<CreateFields, string>> = {};
  if (!trimmed) {
    errors.name = 'Say what the key is for';
  } else if (trimmed.length > API_KEY_NAME_MAX) {
    errors.name = `At most ${API_KEY_NAME_MAX} characters`;
  }
  if (!role) {
    errors.role = 'Choose a role';
  }
  let expiresAt: string | undefined;
  if (expiry.choice === 'date') {
    // A date input gives YYYY-MM-DD; the key stops at the start of that day, UTC (as the API reads a bare date).
    const at = /^\d{4}-\d{2}-\d{2}$/.test(expiry.date) ? new Date(`${expiry.date}T00:00:00Z`).getTime() : NaN;
    if (Number.isNaN(at)) {
      errors.expiresAt = 'Choose the date the key stops working';
    } else if (at <= now) {
      errors.expiresAt = 'Choose a date in the future';
    } else {
      expiresAt = expiry.date;
    }
  } else if (expiry.choice !== 'never') {
    expiresAt = new Date(now + Number(expiry.choice) * 86_400_000).toISOString();
  }
  if (!role || Object.keys(errors).length > 0) {
    return { body: null, errors };
  }
  return { body: { name: trimmed, role, ...(expiresAt ? { expiresAt } : {}) }, errors: null };
}
