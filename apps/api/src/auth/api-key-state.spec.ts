import { apiKeyState, expiryFromFlags, lastUseIsStale, parseIsoDate } from './api-key-state';

const NOW = new Date('2026-07-01T12:00:00.000Z');
const at = (iso: string): Date => new Date(iso);

describe('apiKeyState', () => {
  it('is active without expiry, or before it', () => {
    expect(apiKeyState({ revokedAt: null, expiresAt: null }, NOW)).toBe('active');
    expect(apiKeyState({ revokedAt: null, expiresAt: at('2026-07-01T12:00:00.001Z') }, NOW)).toBe('active');
  });

  it('is expired from the expiry on', () => {
    expect(apiKeyState({ revokedAt: null, expiresAt: NOW }, NOW)).toBe('expired');
    expect(apiKeyState({ revokedAt: null, expiresAt: at('2026-06-01T00:00:00Z') }, NOW)).toBe('expired');
  });

  it('is revoked when revoked, expired or not', () => {
    expect(apiKeyState({ revokedAt: at('2026-06-30T00:00:00Z'), expiresAt: at('2026-06-01T00:00:00Z') }, NOW)).toBe('revoked');
    expect(apiKeyState({ revokedAt: at('2026-06-30T00:00:00Z'), expiresAt: null }, NOW)).toBe('revoked');
  });
});

describe('lastUseIsStale', () => {
  it('writes a first use, and again once the stored one is a minute old', () => {
    expect(lastUseIsStale(null, NOW)).toBe(true);
    expect(lastUseIsStale(at('2026-07-01T11:59:00.000Z'), NOW)).toBe(true);
    expect(lastUseIsStale(at('2026-07-01T11:59:00.001Z'), NOW)).toBe(false);
    expect(lastUseIsStale(NOW, NOW)).toBe(false);
  });
});

describe('parseIsoDate', () => {
  it('reads a date as midnight UTC and a date-time with its offset', () => {
    expect(parseIsoDate('2027-01-31')?.toISOString()).toBe('2027-01-31T00:00:00.000Z');
    expect(parseIsoDate('2027-01-31T18:00:00Z')?.toISOString()).toBe('2027-01-31T18:00:00.000Z');
    expect(parseIsoDate('2027-01-31T18:00+02:00')?.toISOString()).toBe('2027-01-31T16:00:00.000Z');
    expect(parseIsoDate('2028-02-29')?.toISOString()).toBe('2028-02-29T00:00:00.000Z');
  });

  it('refuses days that do not exist, local times without an offset, and other text', () => {
    for (const text of [
      '2027-02-29',
      '2027-02-31',
      '2027-13-01',
      '2027-01-31T18:00:00',
      'tomorrow',
      '31/01/2027',
      '',
      '2027-01-31T25:00Z',
    ]) {
      expect(parseIsoDate(text)).toBeNull();
    }
  });
});

describe('expiryFromFlags', () => {
  it('means never without a flag', () => {
    expect(expiryFromFlags({}, NOW)).toEqual({ expiresAt: null });
  });

  it('counts --expires-in-days from now', () => {
    expect(expiryFromFlags({ expiresInDays: '30' }, NOW)).toEqual({ expiresAt: at('2026-07-31T12:00:00.000Z') });
    for (const bad of ['0', '-1', '1.5', 'ten', '', '3651']) {
      expect(expiryFromFlags({ expiresInDays: bad }, NOW).error).toBe('--expires-in-days must be a whole number of days from 1 to 3650');
    }
  });

  it('takes --expires-at in the future only', () => {
    expect(expiryFromFlags({ expiresAt: '2027-01-31' }, NOW)).toEqual({ expiresAt: at('2027-01-31T00:00:00.000Z') });
    expect(expiryFromFlags({ expiresAt: '2026-07-01' }, NOW).error).toBe('--expires-at must be in the future');
    expect(expiryFromFlags({ expiresAt: 'next week' }, NOW).error).toMatch(/^--expires-at must be an ISO 8601 date/);
  });

  it('refuses both flags at once', () => {
    expect(expiryFromFlags({ expiresInDays: '1', expiresAt: '2027-01-31' }, NOW).error).toBe(
      'Give --expires-in-days or --expires-at, not both',
    );
  });
});
