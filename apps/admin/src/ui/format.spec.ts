import { dateTime, duration, relativeTime } from './format';

describe('format', () => {
  const now = Date.parse('2026-07-01T12:00:00Z');

  it('says how long ago, in the largest whole unit', () => {
    expect(relativeTime('2026-07-01T11:57:00Z', now)).toBe('3 minutes ago');
    expect(relativeTime('2026-07-01T10:00:00Z', now)).toBe('2 hours ago');
    expect(relativeTime('2026-06-30T12:00:00Z', now)).toBe('yesterday');
    expect(relativeTime('2026-07-01T12:00:00Z', now)).toBe('now');
    expect(relativeTime(null, now)).toBe('—');
    expect(relativeTime('not a date', now)).toBe('—');
  });

  it('writes durations people can read', () => {
    expect(duration(850)).toBe('850 ms');
    expect(duration(4200)).toBe('4.2 s');
    expect(duration(185_000)).toBe('3 min 5 s');
    expect(duration(120_000)).toBe('2 min');
    expect(duration(null)).toBe('—');
    expect(duration(-1)).toBe('—');
  });

  it('writes a date and time, or a dash', () => {
    expect(dateTime(new Date(2026, 6, 1, 9, 5, 3))).toBe('2026-07-01 09:05:03');
    expect(dateTime(undefined)).toBe('—');
  });
});
