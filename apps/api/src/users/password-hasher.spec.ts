import { PasswordHasher, SCRYPT_DEFAULTS } from './password-hasher';

describe('PasswordHasher', () => {
  const hasher = new PasswordHasher();

  it('stores scrypt with its parameters and a 16-byte random salt', async () => {
    const stored = await hasher.hash('correct horse battery staple');
    const [scheme, N, r, p, salt, key] = stored.split('$');
    expect([scheme, Number(N), Number(r), Number(p)]).toEqual(['scrypt', SCRYPT_DEFAULTS.N, 8, 1]);
    expect(Number(N)).toBeGreaterThanOrEqual(2 ** 15);
    expect(Buffer.from(salt, 'base64')).toHaveLength(16);
    expect(Buffer.from(key, 'base64')).toHaveLength(64);
    expect(stored).not.toContain('correct horse');
    expect(await hasher.hash('correct horse battery staple')).not.toBe(stored);
  });

  it('verifies the right password and refuses a wrong one or a malformed hash', async () => {
    const stored = await hasher.hash('correct horse battery staple');
    expect(await hasher.verify('correct horse battery staple', stored)).toBe(true);
    expect(await hasher.verify('correct horse battery stapl', stored)).toBe(false);
    expect(await hasher.verify('', stored)).toBe(false);
    expect(await hasher.verify('correct horse battery staple', 'plain')).toBe(false);
    expect(await hasher.verify('correct horse battery staple', stored.replace(/\$(\d+)\$/, '$99999999$'))).toBe(false);
  });

  it('verifies hashes made with other parameters and asks to rehash weaker ones', async () => {
    const weak = await new PasswordHasher({ N: 2 ** 10, r: 8, p: 1 }).hash('an older password');
    expect(await hasher.verify('an older password', weak)).toBe(true);
    expect(hasher.needsRehash(weak)).toBe(true);
    expect(hasher.needsRehash(await hasher.hash('a new password!'))).toBe(false);
  });
});
