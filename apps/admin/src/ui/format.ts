/** Dates and durations as the admin shows them; pure, so they are unit-tested. */

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
  ['second', 1_000],
];

// One formatter for the page: Intl constructors are costly, and a table would otherwise build one per cell.
const RELATIVE = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });

/** "3 minutes ago", "in 2 hours"; an em dash for no date. */
export function relativeTime(value: string | Date | null | undefined, now: number = Date.now()): string {
  if (!value) {
    return '—';
  }
  const time = new Date(value).getTime();
  if (Number.isNaN(time)) {
    return '—';
  }
  const diff = time - now;
  for (const [unit, ms] of UNITS) {
    if (Math.abs(diff) >= ms || unit === 'second') {
      return RELATIVE.format(Math.round(diff / ms), unit);
    }
  }
  return RELATIVE.format(0, 'second');
}

/** "2026-07-01 09:31:01" in the browser's time zone; an em dash for no date. */
export function dateTime(value: string | Date | null | undefined): string {
  if (!value) {
    return '—';
  }
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) {
    return '—';
  }
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
}

/** "850 ms", "4.2 s", "3 min 5 s"; an em dash for none. */
export function duration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms) || ms < 0) {
    return '—';
  }
  if (ms < 1000) {
    return `${Math.round(ms)} ms`;
  }
  if (ms < 60_000) {
    return `${(ms / 1000).toFixed(1)} s`;
  }
  const minutes = Math.floor(ms / 60_000);
  const seconds = Math.round((ms % 60_000) / 1000);
  return seconds > 0 ? `${minutes} min ${seconds} s` : `${minutes} min`;
}
