/** What a key whose secret matched may do now. */
export type ApiKeyState = 'active' | 'revoked' | 'expired';

/** How often `last_used_at` is written per key: its precision, "to the minute". */
export const LAST_USED_PRECISION_MS = 60_000;

export function apiKeyState(key: { revokedAt: Date | null; expiresAt: Date | null }, now: Date): ApiKeyState {
  if (key.revokedAt) {
    return 'revoked';
  }
  return key.expiresAt && key.expiresAt.getTime() <= now.getTime() ? 'expired' : 'active';
}

/** Whether a use at `now` should be written: never written, or the stored time is older than the precision. */
export function lastUseIsStale(lastUsedAt: Date | null, now: Date): boolean {
  return !lastUsedAt || now.getTime() - lastUsedAt.getTime() >= LAST_USED_PRECISION_MS;
}

/**
 * The expiry the CLI's `--expires-in-days N` or `--expires-at <ISO date>` asks for: null for neither, a message when
 * the flags are wrong (both, not a whole number of days from 1 to 3650, not a date, not in the future).
 */
export function expiryFromFlags(
  flags: { expiresInDays?: string; expiresAt?: string },
  now: Date,
): { expiresAt: Date | null; error?: undefined } | { expiresAt?: undefined; error: string } {
  if (flags.expiresInDays !== undefined && flags.expiresAt !== undefined) {
    return { error: 'Give --expires-in-days or --expires-at, not both' };
  }
  if (flags.expiresInDays !== undefined) {
    const days = Number(flags.expiresInDays);
    if (!/^\d+$/.test(flags.expiresInDays) || days < 1 || days > 3650) {
      return { error: '--expires-in-days must be a whole number of days from 1 to 3650' };
    }
    return { expiresAt: new Date(now.getTime() + days * 86_400_000) };
  }
  if (flags.expiresAt !== undefined) {
    const at = parseIsoDate(flags.expiresAt);
    if (!at) {
      return { error: '--expires-at must be an ISO 8601 date, e.g. 2027-01-31 or 2027-01-31T18:00:00Z' };
    }
    if (at.getTime() <= now.getTime()) {
      return { error: '--expires-at must be in the future' };
    }
    return { expiresAt: at };
  }
  return { expiresAt: null };
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?(?:Z|[+-]\d{2}:\d{2}))?$/;

/** A date (midnight UTC) or a date-time with its offset, as ISO 8601 writes them; null otherwise (no local times). */
export function parseIsoDate(text: string): Date | null {
  if (!ISO_DATE.test(text)) {
    return null;
  }
  const [year, month, day] = text.slice(0, 10).split('-').map(Number) as [number, number, number];
  // Date rolls 2027-02-31 over to March: the day must exist in its month.
  if (new Date(Date.UTC(year, month - 1, day)).getUTCDate() !== day || month < 1 || month > 12) {
    return null;
  }
  const at = new Date(text);
  return Number.isNaN(at.getTime()) ? null : at;
}
