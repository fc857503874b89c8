import { createHash } from 'node:crypto';

/** One encryption key and the id stored beside every value it encrypts. */
export interface RingKey {
  id: string;
  key: Buffer;
}

/**
 * The keys credentials may be encrypted under: the current one (ENCRYPTION_KEY), which encrypts everything new, and
 * previous ones (ENCRYPTION_KEYS_PREVIOUS), kept only to read values not re-encrypted yet.
 */
export class KeyRing {
  readonly current: RingKey;
  private readonly byId = new Map<string, RingKey>();

  constructor(current: Buffer, previous: readonly Buffer[] = []) {
    for (const key of [current, ...previous]) {
      if (key.length !== 32) {
        throw new Error(`CredentialCipher needs a 32-byte key, got ${key.length} bytes`);
      }
      const id = KeyRing.keyId(key);
      const known = this.byId.get(id);
      // The same key listed twice (e.g. the current one left among the previous) is harmless; two keys with one id are not.
      if (known && !known.key.equals(key)) {
        throw new Error(`Two encryption keys share the id ${id}; generate another key`);
      }
      this.byId.set(id, known ?? { id, key });
    }
    this.current = this.byId.get(KeyRing.keyId(current)) as RingKey;
  }

  /**
   * The id of a key: the first 8 hex characters of its SHA-256. It names the key in stored values and messages without
   * revealing it (32 bits of a hash of 256 random bits), and needs no configuration: the same key has the same id in
   * every process.
   */
  static keyId(key: Buffer): string {
    return createHash('sha256').update(key).digest('hex').slice(0, 8);
  }

  get(id: string): RingKey | undefined {
    return this.byId.get(id);
  }

  /** Every key, the current one first. */
  all(): RingKey[] {
    return [this.current, ...[...this.byId.values()].filter((k) => k !== this.current)];
  }
}
