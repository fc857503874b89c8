/** The audit log page's filters, kept in the URL query string; pure, so it is unit-tested. */

export type AuditActorKind = 'user' | 'api_key' | 'system';

export interface AuditFilter {
  storeId?: string;
  /** An e-mail, a key name or an id. */
  actor?: string;
  actorKind?: AuditActorKind;
  action?: string;
  /** Days (YYYY-MM-DD, the browser's time zone), both included. */
  from?: string;
  to?: string;
}

export type AuditFilterField = keyof AuditFilter;

/** The actions GET /audit-log records (and takes as `action`). */
export const AUDIT_ACTIONS = [
  'store.create',
  'store.connect',
  'store.settings.update',
  'store.location-mappings.replace',
  'store.product-mappings.add',
  'store.disconnect',
  'store.delete',
  'plugin.activate',
  'plugin.deactivate',
  'user.create',
  'user.invite',
  'user.accept-invitation',
  'user.role.change',
  'user.activate',
  'user.deactivate',
  'api-key.create',
  'api-key.revoke',
  'export.re-export',
  'export.retry',
] as const;

export const ACTOR_KINDS: { value: AuditActorKind; label: string }[] = [
  { value: 'user', label: 'People' },
  { value: 'api_key', label: 'API keys' },
  { value: 'system', label: 'System' },
];

const FIELDS: AuditFilterField[] = ['storeId', 'actor', 'actorKind', 'action', 'from', 'to'];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

function valid(field: AuditFilterField, value: string): boolean {
  switch (field) {
    case 'storeId':
      return UUID.test(value);
    case 'actor':
      return value.trim().length > 0 && value.length <= 320;
    case 'actorKind':
      return ACTOR_KINDS.some((k) => k.value === value);
    case 'action':
      return (AUDIT_ACTIONS as readonly string[]).includes(value);
    case 'from':
    case 'to':
      return DAY.test(value) && !Number.isNaN(new Date(`${value}T00:00:00`).getTime());
  }
}

/** What the query string asks for; anything the API would refuse is dropped rather than shown as an error. */
export function parseAuditFilter(params: URLSearchParams): AuditFilter {
  const filter: AuditFilter = {};
  for (const field of FIELDS) {
    const value = params.get(field);
    if (value && valid(field, value)) {
      (filter as Record<string, string>)[field] = field === 'actor' ? value.trim() : value;
    }
  }
  return filter;
}

/** The query string for a filter, in a stable order. */
export function auditFilterToQuery(filter: AuditFilter): string {
  const params = new URLSearchParams();
  for (const field of FIELDS) {
    const value = filter[field];
    if (value) {
      params.set(field, value);
    }
  }
  return params.toString();
}

/** A filter with one field set, or cleared by an empty or invalid value. */
export function withAuditFilter(filter: AuditFilter, field: AuditFilterField, value: string | null): AuditFilter {
  const next: AuditFilter = { ...filter };
  const trimmed = value?.trim() ?? '';
  if (trimmed && valid(field, trimmed)) {
    (next as Record<string, string>)[field] = trimmed;
  } else {
    delete next[field];
  }
  return next;
}

/** The API's query for a filter: days become instants (from the day's start to the next day's start, local time). */
export function auditApiQuery(filter: AuditFilter): Record<string, string | undefined> {
  const startOf = (day: string, plusDays = 0): string => {
    const date = new Date(`${day}T00:00:00`);
    date.setDate(date.getDate() + plusDays);
    return date.toISOString();
  };
  return {
    storeId: filter.storeId,
    actor: filter.actor,
    actorKind: filter.actorKind,
    action: filter.action,
    from: filter.from ? startOf(filter.from) : undefined,
    to: filter.to ? startOf(filter.to, 1) : undefined,
  };
}
