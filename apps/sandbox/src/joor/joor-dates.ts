// "UTC Format YYYY-MM-DDThh:mm:ss.sTZD" (JOOR v2, research §1.4): written with milliseconds and Z, read with any offset.
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/i;

/** JOOR's timestamps. */
export class JoorDates {
  static format(ms: number): string {
    return new Date(ms).toISOString();
  }

  /** Milliseconds, or null for anything that is not an ISO date or timestamp. */
  static parse(text: string): number | null {
    if (!TIMESTAMP.test(text.trim())) {
      return null;
    }
    const ms = Date.parse(text.trim());
    return Number.isNaN(ms) ? null : ms;
  }

  /** A stored timestamp as milliseconds; an empty or unreadable one counts as the epoch. */
  static ms(value: unknown): number {
    return typeof value === 'string' ? (JoorDates.parse(value) ?? 0) : 0;
  }
}
