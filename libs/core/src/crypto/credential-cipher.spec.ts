import { createCipheriv, randomBytes } from 'node:crypto';
import { CredentialCipher } from './credential-cipher';
import { KeyRing } from './key-ring';

/** A value in the format written before key ids (v1), as the old cipher wrote it. */
function v1(key: Buffer, plaintext: string, context = ''): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: 16 });
  cipher.setAAD(Buffer.from(context, 'utf8'));
  const ct = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return ['v1', iv.toString('base64'), cipher.getAuthTag().toString('base64'), ct.toString('base64')].join(':');
}

const flip = (b64: string): string => {
  const bytes = Buffer.from(b64, 'base64');
  bytes[0] = (bytes[0] ?? 0) ^ 1;
  return bytes.toString('base64');
};

describe('CredentialCipher', () => {
  const key = randomBytes(32);
  const cipher = new CredentialCipher(key);

  it('round-trips text and JSON', () => {
    expect(cipher.decrypt(cipher.encrypt('shpat_secret'))).toBe('shpat_secret');
    expect(cipher.decryptJson(cipher.encryptJson({ accessToken: 'é✓', n: 1 }, 'store-1'), 'store-1')).toEqual({ accessToken: 'é✓', n: 1 });
  });

  it('writes v2 with the id of the current key, and never the plaintext', () => {
    const stored = cipher.encrypt('shpat_secret');
    expect(stored).toMatch(/^v2:[0-9a-f]{8}:[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]+$/);
    expect(stored).not.toContain('shpat_secret');
    const [, kid, iv, tag] = stored.split(':');
    expect(kid).toBe(KeyRing.keyId(key));
    expect(cipher.keyIdOf(stored)).toBe(cipher.currentKeyId);
    expect(Buffer.from(iv ?? '', 'base64')).toHaveLength(12);
    expect(Buffer.from(tag ?? '', 'base64')).toHaveLength(16);
  });

  it('uses a fresh IV each time', () => {
    const a = cipher.encrypt('same');
    const b = cipher.encrypt('same');
    expect(a).not.toBe(b);
    expect(a.split(':')[2]).not.toBe(b.split(':')[2]);
  });

  it('fails loudly when the ciphertext, tag or IV is changed', () => {
    const [v, kid, iv, tag, ct] = cipher.encrypt('shpat_secret').split(':') as [string, string, string, string, string];
    expect(() => cipher.decrypt([v, kid, iv, tag, flip(ct)].join(':'))).toThrow(/failed authentication/);
    expect(() => cipher.decrypt([v, kid, iv, flip(tag), ct].join(':'))).toThrow(/failed authentication/);
    expect(() => cipher.decrypt([v, kid, flip(iv), tag, ct].join(':'))).toThrow(/failed authentication/);
  });

  it('refuses another context, a key outside the ring, and unknown formats', () => {
    const stored = cipher.encrypt('secret', 'store-a');
    expect(() => cipher.decrypt(stored, 'store-b')).toThrow(/failed authentication/);
    const stranger = new CredentialCipher(randomBytes(32));
    expect(() => stranger.decrypt(stored, 'store-a')).toThrow(
      new RegExp(
        `encrypted under key ${cipher.currentKeyId}, which is neither ENCRYPTION_KEY \\(${stranger.currentKeyId}\\) nor in ENCRYPTION_KEYS_PREVIOUS`,
      ),
    );
    expect(() => cipher.decrypt('secret')).toThrow(/not in the v2 \(or v1\) format/);
    expect(() => cipher.decrypt(stored.replace(/^v2/, 'v3'))).toThrow(/format/);
    expect(() => cipher.decrypt(stored.replace(/^v2:[0-9a-f]{8}/, 'v2'))).toThrow(/format/);
    expect(() => cipher.decrypt(stored.replace(/^v2:[0-9a-f]{8}/, 'v2:not-a-kid'))).toThrow(/format/);
  });

  it('refuses a key that is not 32 bytes, current or previous', () => {
    expect(() => new CredentialCipher(randomBytes(16))).toThrow(/32-byte key/);
    expect(() => new CredentialCipher(randomBytes(32), [randomBytes(31)])).toThrow(/32-byte key, got 31/);
  });
});

describe('CredentialCipher with a key ring', () => {
  const a = randomBytes(32);
  const b = randomBytes(32);
  const c = randomBytes(32);
  const underA = new CredentialCipher(a);
  const rotated = new CredentialCipher(b, [a]);
  const afterRotation = new CredentialCipher(b);

  it('reads values written under a previous key and writes under the current one', () => {
    const old = underA.encrypt('tok', 'store-1');
    expect(rotated.decrypt(old, 'store-1')).toBe('tok');
    const fresh = rotated.encrypt('tok', 'store-1');
    expect(rotated.keyIdOf(fresh)).toBe(KeyRing.keyId(b));
    expect(() => underA.decrypt(fresh, 'store-1')).toThrow(/neither ENCRYPTION_KEY/);
    expect(afterRotation.decrypt(fresh, 'store-1')).toBe('tok');
  });

  it('reads the v1 format (no key id) under whichever key of the ring wrote it', () => {
    expect(rotated.decrypt(v1(a, 'old-a', 'store-1'), 'store-1')).toBe('old-a');
    expect(rotated.decrypt(v1(b, 'old-b'), '')).toBe('old-b');
    expect(rotated.keyIdOf(v1(a, 'x'))).toBeNull();
    expect(() => rotated.decrypt(v1(c, 'old-c'))).toThrow(
      /failed authentication: .*neither ENCRYPTION_KEY nor in ENCRYPTION_KEYS_PREVIOUS/,
    );
    expect(() => rotated.decrypt(v1(a, 'old-a', 'store-1'), 'store-2')).toThrow(/failed authentication/);
  });

  it('re-encrypts what is not under the current key, and leaves alone what is', () => {
    const old = underA.encrypt('tok', 'ctx');
    const again = rotated.reencrypt(old, 'ctx');
    expect(again).not.toBeNull();
    expect(rotated.keyIdOf(again as string)).toBe(rotated.currentKeyId);
    expect(afterRotation.decrypt(again as string, 'ctx')).toBe('tok');
    expect(rotated.reencrypt(again as string, 'ctx')).toBeNull();
    const legacy = rotated.reencrypt(v1(b, 'legacy', 'ctx'), 'ctx');
    expect(afterRotation.decrypt(legacy as string, 'ctx')).toBe('legacy');
    expect(() => rotated.reencrypt(new CredentialCipher(c).encrypt('lost', 'ctx'), 'ctx')).toThrow(/neither ENCRYPTION_KEY/);
    // A value under the current key that fails authentication is not "already current".
    const [v, kid, iv, tag, ct] = (again as string).split(':') as [string, string, string, string, string];
    expect(() => rotated.reencrypt([v, kid, iv, tag, flip(ct)].join(':'), 'ctx')).toThrow(/failed authentication/);
  });
});

describe('KeyRing', () => {
  it('names each key by the first 8 hex characters of its SHA-256', () => {
    expect(KeyRing.keyId(Buffer.alloc(32, 0))).toBe('66687aad');
    const key = randomBytes(32);
    expect(new KeyRing(key).current.id).toBe(KeyRing.keyId(key));
  });

  it('lists the current key first, and a key given twice once', () => {
    const [a, b, c] = [randomBytes(32), randomBytes(32), randomBytes(32)];
    const ring = new KeyRing(b, [a, b, c, a]);
    expect(ring.all().map((k) => k.id)).toEqual([b, a, c].map((k) => KeyRing.keyId(k)));
    expect(ring.get(KeyRing.keyId(c))?.key.equals(c)).toBe(true);
    expect(ring.get('00000000')).toBeUndefined();
  });
});
