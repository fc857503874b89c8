/**
 * Fixed-window counting: time is cut into windows of `windowSeconds` from the epoch, each window counts its hits and
 * the limit applies per window. One counter row per subject and window, so a hit is a single atomic upsert in a store
 * every process shares; the price is that a burst straddling a boundary may reach twice the limit, which is fine for
 * slowing guessing down (the per-account lockout still stops a password being tried for long).
 */
export interface RateWindow {
  start: Date;
  end: Date;
}

export interface RateVerdict {
  allowed: boolean;
  /** Seconds until the window ends (at least 1) when refused; 0 when allowed. */
  retryAfterSeconds: number;
}

/** The window that `now` falls in. */
export function windowAt(now: Date, windowSeconds: number): RateWindow {
  if (!Number.isInteger(windowSeconds) || windowSeconds <= 0) {
    throw new RangeError(`windowSeconds must be a positive integer, not ${windowSeconds}`);
  }
  const size = windowSeconds * 1000;
  const start = Math.floor(now.getTime() / size) * size;
  return { start: new Date(start), end: new Date(start + size) };
}

/** Whether the request that made the window's count `hits` (itself included) may go through. */
export function verdict(hits: number, limit: number, window: RateWindow, now: Date): RateVerdict {
  if (hits <= limit) {
    return { allowed: true, retryAfterSeconds: 0 };
  }
  return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((window.end.getTime() - now.getTime()) / 1000)) };
}

/** Of several refusals, the one to tell the client: it may retry only when every limit lets it through. */
export function combine(verdicts: RateVerdict[]): RateVerdict {
  const refused = verdicts.filter((v) => !v.allowed);
  if (refused.length === 0) {
    return { allowed: true, retryAfterSeconds: 0 };
  }
  return { allowed: false, retryAfterSeconds: Math.max(...refused.map((v) => v.retryAfterSeconds)) };
}

/** The e-mail as sign-in compares it (case-insensitive), or null when the body carries none. */
export function normalizedEmail(body: unknown): string | null {
  const email = (body as { email?: unknown } | null | undefined)?.email;
  if (typeof email !== 'string') {
    return null;
  }
  const trimmed = email.trim().toLowerCase();
  return trimmed.length > 0 ? trimmed : null;
}
