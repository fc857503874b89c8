import { actorOfPrincipal, SYSTEM_ACTOR } from './audit-actor';
import { REDACTED, redactSecrets } from './audit-redaction';

describe('redactSecrets', () => {
  it('replaces secrets by their key name, at any depth, and keeps everything else', () => {
    expect(
      redactSecrets({
        name: 'Demo shop',
        accessToken: 'shpat_123',
        settings: { stockSync: { enabled: true }, webhookSecret: 's3cret', nested: [{ password: 'pw', sku: 'MUG-1' }] },
        passwordHash: '$argon2id$...',
        secret_hash: 'abc',
        credentialsEncrypted: 'v1:...',
        apiKey: 'k',
        invitationUrl: 'https://x.example/admin/accept-invitation?token=abc',
      }),
    ).toEqual({
      name: 'Demo shop',
      accessToken: REDACTED,
      settings: { stockSync: { enabled: true }, webhookSecret: REDACTED, nested: [{ password: REDACTED, sku: 'MUG-1' }] },
      passwordHash: REDACTED,
      secret_hash: REDACTED,
      credentialsEncrypted: REDACTED,
      apiKey: REDACTED,
      invitationUrl: REDACTED,
    });
  });

  it('replaces secrets by their shape whatever the key: Gantry API keys, bearer headers, URLs carrying a token', () => {
    expect(
      redactSecrets({
        note: 'gk_abcdefghijkl_0123456789abcdefghijklmnopqrstuvwxyz',
        header: 'Bearer xyz',
        link: 'https://shop.example/callback?code=123&shop=x',
        plain: 'https://shop.example/orders/1',
      }),
    ).toEqual({ note: REDACTED, header: REDACTED, link: REDACTED, plain: 'https://shop.example/orders/1' });
  });

  it('keeps nulls under a secret name (nothing to hide: "the token was removed" stays readable)', () => {
    expect(redactSecrets({ accessToken: null, token: undefined })).toEqual({ accessToken: null, token: null });
  });

  it('makes values JSON-ready: dates as ISO strings, bigints as strings, no functions, buffers hidden', () => {
    const at = new Date('2026-07-01T09:31:00.000Z');
    expect(redactSecrets({ at, n: 10n, f: () => 1, b: Buffer.from('x'), nan: Number.NaN, u: undefined })).toEqual({
      at: '2026-07-01T09:31:00.000Z',
      n: '10',
      b: REDACTED,
      nan: null,
      u: null,
    });
  });

  it('stops at a depth limit instead of recursing forever', () => {
    let deep: Record<string, unknown> = { leaf: 1 };
    for (let i = 0; i < 20; i++) {
      deep = { inner: deep };
    }
    expect(JSON.stringify(redactSecrets(deep))).toContain('[too deep]');
  });
});

describe('actorOfPrincipal', () => {
  it('names a person by e-mail and a key by name; nothing without a principal', () => {
    expect(actorOfPrincipal({ userId: 'u1', name: 'ops@example.com' })).toEqual({ kind: 'user', id: 'u1', label: 'ops@example.com' });
    expect(actorOfPrincipal({ keyId: 'k1', name: 'ci' })).toEqual({ kind: 'api_key', id: 'k1', label: 'ci' });
    expect(actorOfPrincipal(undefined)).toBeNull();
    expect(actorOfPrincipal({})).toBeNull();
    expect(SYSTEM_ACTOR).toEqual({ kind: 'system', id: null, label: 'system' });
  });
});
