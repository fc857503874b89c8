import { combine, normalizedEmail, verdict, windowAt } from './rate-limit-window';

describe('rate limit windows', () => {
  it('cuts time into fixed windows from the epoch', () => {
    const w = windowAt(new Date('2026-12-01T10:00:42.500Z'), 60);
    expect(w).toEqual({ start: new Date('2026-12-01T10:00:00Z'), end: new Date('2026-12-01T10:01:00Z') });
    expect(windowAt(new Date('2026-12-01T10:07:00Z'), 900)).toEqual({
      start: new Date('2026-12-01T10:00:00Z'),
      end: new Date('2026-12-01T10:15:00Z'),
    });
    // The last millisecond of one window and the first of the next are different windows.
    expect(windowAt(new Date('2026-12-01T10:00:59.999Z'), 60).start).not.toEqual(windowAt(new Date('2026-12-01T10:01:00Z'), 60).start);
  });

  it('refuses non-positive or fractional windows', () => {
    expect(() => windowAt(new Date(), 0)).toThrow(RangeError);
    expect(() => windowAt(new Date(), 1.5)).toThrow(RangeError);
  });

  it('lets the limit through and refuses the next hit until the window ends', () => {
    const now = new Date('2026-12-01T10:00:42.500Z');
    const w = windowAt(now, 60);
    expect(verdict(10, 10, w, now)).toEqual({ allowed: true, retryAfterSeconds: 0 });
    expect(verdict(11, 10, w, now)).toEqual({ allowed: false, retryAfterSeconds: 18 });
  });

  it('says at least 1 second when the window ends within the second', () => {
    const now = new Date('2026-12-01T10:00:59.999Z');
    expect(verdict(11, 10, windowAt(now, 60), now).retryAfterSeconds).toBe(1);
  });

  it('answers the longest wait among the limits that refuse', () => {
    expect(combine([{ allowed: true, retryAfterSeconds: 0 }])).toEqual({ allowed: true, retryAfterSeconds: 0 });
    expect(
      combine([
        { allowed: false, retryAfterSeconds: 5 },
        { allowed: true, retryAfterSeconds: 0 },
        { allowed: false, retryAfterSeconds: 600 },
      ]),
    ).toEqual({ allowed: false, retryAfterSeconds: 600 });
  });

  it('reads the e-mail of a sign-in body case-insensitively, and nothing from other bodies', () => {
    expect(normalizedEmail({ email: ' Admin@Example.COM ' })).toBe('admin@example.com');
    expect(normalizedEmail({ email: '' })).toBeNull();
    expect(normalizedEmail({ email: 5 })).toBeNull();
    expect(normalizedEmail(undefined)).toBeNull();
    expect(normalizedEmail('text')).toBeNull();
  });
});
