import { apiKeyRows, createApiKeyRequest } from './api-key-rows';
import type { ApiKey } from './api-keys.api';

const key = (id: string, revokedAt: string | null = null): ApiKey => ({
  id,
  name: `key ${id}`,
  role: 'operator',
  prefix: `P${id}`,
  createdAt: '2026-07-01T09:00:00.000Z',
  lastUsedAt: null,
  revokedAt,
});

describe('apiKeyRows', () => {
  it('lists active keys before revoked ones, keeping the API order in each group', () => {
    const rows = apiKeyRows([key('1', '2026-07-02T00:00:00.000Z'), key('2'), key('3'), key('4', '2026-07-03T00:00:00.000Z')]);
    expect(rows.map((r) => [r.id, r.status])).toEqual([
      ['2', 'active'],
      ['3', 'active'],
      ['1', 'revoked'],
      ['4', 'revoked'],
    ]);
  });

  it('shows the public part of the key only', () => {
    expect(apiKeyRows([key('7')])[0]?.shown).toBe('gk_P7_…');
  });
});

describe('createApiKeyRequest', () => {
  it('trims the name and sends name and role', () => {
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
});
