/** What replaces a secret in an audit entry. */
export const REDACTED = '[redacted]';

// Keys whose values are secrets or stand in for them (hashes, encrypted blobs, links that carry a token).
const SECRET_KEY =
  /(token|password|passwd|secret|hash|credential|authorization|cookie|api[-_]?key|private[-_]?key|encrypted|signature|invitation[-_]?url)/i;
// Values that are secrets whatever their key: Gantry API keys, bearer headers, URLs with a token in their query.
const SECRET_VALUE = /(gk_[A-Za-z0-9]{12}_[A-Za-z0-9_-]{8,}|^Bearer\s|[?&](token|code|hmac|key|secret)=)/i;
const MAX_DEPTH = 12;

/**
 * A copy of `value` fit for the audit log: JSON-compatible, with every secret replaced by `[redacted]` (by key name, and
 * by shape for API keys and URLs that carry a token). Pure, so it is unit-tested.
 */
export function redactSecrets(value: unknown, depth = 0): unknown {
  if (value === undefined) {
    return null;
  }
  if (value === null || typeof value === 'number' || typeof value === 'boolean') {
    return typeof value === 'number' && !Number.isFinite(value) ? null : value;
  }
  if (typeof value === 'string') {
    return SECRET_VALUE.test(value) ? REDACTED : value;
  }
  if (typeof value === 'bigint') {
    return value.toString();
  }
  if (value instanceof Date) {
    return Number.isNaN(value.getTime()) ? null : value.toISOString();
  }
  if (Buffer.isBuffer(value)) {
    return REDACTED;
  }
  if (depth >= MAX_DEPTH) {
    return '[too deep]';
  }
  if (Array.isArray(value)) {
    return value.map((item) => redactSecrets(item, depth + 1));
  }
  if (typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value as Record<string, unknown>)) {
      if (typeof inner === 'function') {
        continue;
      }
      out[key] = SECRET_KEY.test(key) && inner !== null && inner !== undefined ? REDACTED : redactSecrets(inner, depth + 1);
    }
    return out;
  }
  return null;
}
