import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

const scryptAsync = (password: string, salt: Buffer, keylen: number, options: ScryptOptions): Promise<Buffer> =>
  new Promise((resolve, reject) => {
    scrypt(password, salt, keylen, options, (error, key) => (error ? reject(error) : resolve(key)));
  });

/** scrypt parameters: N = 2^15, r = 8, p = 1 (OWASP's minimum for scrypt), a 16-byte salt and a 64-byte key. */
export const SCRYPT_DEFAULTS = { N: 2 ** 15, r: 8, p: 1, saltBytes: 16, keyBytes: 64 } as const;

/** scrypt needs 128·N·r bytes; Node refuses above 32 MiB unless told, so allow twice what the parameters need. */
const maxmemFor = (N: number, r: number): number => 2 * 128 * N * r;

const FORMAT = /^scrypt\$(\d+)\$(\d+)\$(\d+)\$([A-Za-z0-9+/=]+)\$([A-Za-z0-9+/=]+)$/;

/**
 * Hashes passwords with Node's scrypt. The stored form carries its parameters, `scrypt$N$r$p$salt$key` (base64), so
 * they can be raised later without invalidating existing hashes.
 */
export class PasswordHasher {
  constructor(private readonly params: { N: number; r: number; p: number } = SCRYPT_DEFAULTS) {}

  async hash(password: string): Promise<string> {
    const { N, r, p } = this.params;
    const salt = randomBytes(SCRYPT_DEFAULTS.saltBytes);
    const key = await scryptAsync(password, salt, SCRYPT_DEFAULTS.keyBytes, { N, r, p, maxmem: maxmemFor(N, r) });
    return `scrypt$${N}$${r}$${p}$${salt.toString('base64')}$${key.toString('base64')}`;
  }

  /** Whether `password` matches `stored`; constant-time on the derived key, false for a malformed hash. */
  async verify(password: string, stored: string): Promise<boolean> {
    const match = FORMAT.exec(stored);
    if (!match) {
      return false;
    }
    const [N, r, p] = [Number(match[1]), Number(match[2]), Number(match[3])];
    const salt = Buffer.from(match[4], 'base64');
    const expected = Buffer.from(match[5], 'base64');
    if (N < 2 || N > 2 ** 20 || r < 1 || r > 32 || p < 1 || p > 16 || expected.length < 32) {
      return false;
    }
    const key = await scryptAsync(password, salt, expected.length, { N, r, p, maxmem: maxmemFor(N, r) });
    return timingSafeEqual(key, expected);
  }

  /** Whether a stored hash was made with weaker parameters than today's (to rehash at the next sign-in). */
  needsRehash(stored: string): boolean {
    const match = FORMAT.exec(stored);
    return !match || Number(match[1]) < this.params.N || Number(match[2]) < this.params.r;
  }
}
