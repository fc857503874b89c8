import { apiKeyRows, createApiKeyRequest } from './api-key-rows';
import type { ApiKey } from './api-keys.api';

const NOW = Date.parse('2026-07-10T12:00:00.000Z');

const key = (id: string, revokedAt: string | null = null, expiresAt: string | null = null): ApiKey => ({
  id,
  name: `key ${id}`,
  role: 'operator',
  prefix: `P${id}`,
  createdAt: '2026-07-01T09:00:00.000Z',
  lastUsedAt: null,
  expiresAt,
  revokedAt,
});

describe('apiKeyRows', () => {
  it('lists active keys, then expired, then revoked ones, keeping the API order in each group', () => {
    const rows = apiKeyRows(
      [
        key('1', '2026-07-02T00:00:00.000Z'),
        key('2', null, '2026-07-10T12:00:00.000Z'),
        key('3'),
        key('4', '2026-07-03T00:00:00.000Z', '2026-07-05T00:00:00.000Z'),
        key('5', null, '2026-07-11T00:00:00.000Z'),
      ],
      NOW,
    );
    expect(rows.map((r) => [r.id, r.status])).toEqual([
      ['3', 'active'],
      ['5', 'active'],
      ['2', 'expired'],
      ['1', 'revoked'],
      ['4', 'revoked'],
    ]);
    expect(rows[1]?.expiresAt).toBe('2026-07-11T00:00:00.000Z');
  });

  it('shows the public part of the key only', () => {
    expect(apiKeyRows([key('7')])[0]?.shown).toBe('gk_P7_…');
  });
});

describe('createApiKeyRequest', () => {
  it('trims the name and sends name and role, and no expiry for never', () => {
    expect(createApiKeyRequest('  ERP integration ', 'operator')).toEqual({
      body: { name: 'ERP integration', role: 'operator' },
      errors: null,
    });
  });

  it('names each missing field', () => {
    expect(createApiKeyRequest('   ', null)).toEqual({ body: null, errors: { name: 'Say what the key is for', role: 'Choose a role' } });
  });

  it('refuses a name longer than the API takes', () => {
    expect(createApiKeyRequest('x'.repeat(101), 'viewer').errors).toEqual({ name: 'At most 100 characters' });
    expect(createApiKeyRequest('x'.repeat(100), 'viewer').errors).toBeNull();
  });

  it('sends an expiry a number of days from now, or on a future date', () => {
    expect(createApiKeyRequest('ERP', 'viewer', { choice: '30', date: '' }, NOW).body).toEqual({
      name: 'ERP',
      role: 'viewer',
      expiresAt: '2026-08-09T12:00:00.000Z',
    });
    expect(createApiKeyRequest('ERP', 'viewer', { choice: 'date', date: '2026-12-31' }, NOW).body?.expiresAt).toBe('2026-12-31');
  });

  it('refuses a missing or past date', () => {
    expect(createApiKeyRequest('ERP', 'viewer', { choice: 'date', date: '' }, NOW).errors).toEqual({
      expiresAt: 'Choose the date the key stops working',
    });
    expect(createApiKeyRequest('ERP', 'viewer', { choice: 'date', date: '2026-07-10' }, NOW).errors).toEqual({
      expiresAt: 'Choose a date in the future',
    });
  });
});
