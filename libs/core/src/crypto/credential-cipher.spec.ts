import { randomBytes } from 'node:crypto';
import { CredentialCipher } from './credential-cipher';

describe('CredentialCipher', () => {
  const cipher = new CredentialCipher(randomBytes(32));

  it('round-trips text and JSON', () => {
    expect(cipher.decrypt(cipher.encrypt('shpat_secret'))).toBe('shpat_secret');
    expect(cipher.decryptJson(cipher.encryptJson({ accessToken: 'é✓', n: 1 }, 'store-1'), 'store-1')).toEqual({ accessToken: 'é✓', n: 1 });
  });

  it('writes the versioned format and never the plaintext', () => {
    const stored = cipher.encrypt('shpat_secret');
    expect(stored).toMatch(/^v1:[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]+$/);
    expect(stored).not.toContain('shpat_secret');
    const [, iv, tag] = stored.split(':');
    expect(Buffer.from(iv ?? '', 'base64')).toHaveLength(12);
    expect(Buffer.from(tag ?? '', 'base64')).toHaveLength(16);
  });

  it('uses a fresh IV each time', () => {
    const a = cipher.encrypt('same');
    const b = cipher.encrypt('same');
    expect(a).not.toBe(b);
    expect(a.split(':')[1]).not.toBe(b.split(':')[1]);
  });

  it('fails loudly when the ciphertext, tag or IV is changed', () => {
    const stored = cipher.encrypt('shpat_secret');
    const [v, iv, tag, ct] = stored.split(':') as [string, string, string, string];
    const flip = (b64: string): string => {
      const bytes = Buffer.from(b64, 'base64');
      bytes[0] = (bytes[0] ?? 0) ^ 1;
      return bytes.toString('base64');
    };
    expect(() => cipher.decrypt([v, iv, tag, flip(ct)].join(':'))).toThrow(/failed authentication/);
    expect(() => cipher.decrypt([v, iv, flip(tag), ct].join(':'))).toThrow(/failed authentication/);
    expect(() => cipher.decrypt([v, flip(iv), tag, ct].join(':'))).toThrow(/failed authentication/);
  });

  it('refuses another context, another key, and unknown formats', () => {
    const stored = cipher.encrypt('secret', 'store-a');
    expect(() => cipher.decrypt(stored, 'store-b')).toThrow(/failed authentication/);
    expect(() => new CredentialCipher(randomBytes(32)).decrypt(stored, 'store-a')).toThrow(/failed authentication/);
    expect(() => cipher.decrypt('secret')).toThrow(/v1 format/);
    expect(() => cipher.decrypt(stored.replace(/^v1/, 'v2'))).toThrow(/v1 format/);
  });

  it('refuses a key that is not 32 bytes', () => {
    expect(() => new CredentialCipher(randomBytes(16))).toThrow(/32-byte key/);
  });
});
