import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { KeyRing, type RingKey } from './key-ring';

const ALGORITHM = 'aes-256-gcm';
const IV_BYTES = 12;
const TAG_BYTES = 16;

interface Parsed {
  /** The key id of a v2 value; null for v1, which names no key. */
  keyId: string | null;
  iv: Buffer;
  tag: Buffer;
  ciphertext: Buffer;
}

/**
 * AES-256-GCM for credentials at rest, under a key ring. Written as `v2:<key id>:<iv>:<tag>:<ciphertext>` (base64 parts)
 * under the current key; read by the key the value names. The older `v1:<iv>:<tag>:<ciphertext>` names no key, so each
 * key of the ring is tried. The optional context (e.g. the store id) is bound as associated data, so a value copied to
 * another row fails to decrypt.
 */
export class CredentialCipher {
  private readonly ring: KeyRing;

  constructor(current: Buffer, previous: readonly Buffer[] = []) {
    this.ring = new KeyRing(current, previous);
  }

  /** The id of the key new values are encrypted under. */
  get currentKeyId(): string {
    return this.ring.current.id;
  }

  encrypt(plaintext: string, context = ''): string {
    const { id, key } = this.ring.current;
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv(ALGORITHM, key, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(Buffer.from(context, 'utf8'));
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return ['v2', id, iv.toString('base64'), cipher.getAuthTag().toString('base64'), ciphertext.toString('base64')].join(':');
  }

  decrypt(stored: string, context = ''): string {
    const parsed = parse(stored);
    if (parsed.keyId === null) {
      // v1 names no key: whichever key of the ring authenticates it wrote it.
      for (const key of this.ring.all()) {
        const plaintext = open(key, parsed, context);
        if (plaintext !== null) {
          return plaintext;
        }
      }
      throw new Error(
        'Stored credentials failed authentication: tampered, moved, or encrypted under a key that is neither ENCRYPTION_KEY nor in ENCRYPTION_KEYS_PREVIOUS',
      );
    }
    const key = this.ring.get(parsed.keyId);
    if (!key) {
      throw new Error(
        `Stored credentials are encrypted under key ${parsed.keyId}, which is neither ENCRYPTION_KEY (${this.currentKeyId}) nor in ENCRYPTION_KEYS_PREVIOUS`,
      );
    }
    const plaintext = open(key, parsed, context);
    if (plaintext === null) {
      // GCM refuses a changed byte or a different context alike.
      throw new Error(`Stored credentials failed authentication under key ${key.id}: tampered or moved from another row`);
    }
    return plaintext;
  }

  /** The id of the key a stored value names (null for the v1 format, which names none); throws when it is no stored value. */
  keyIdOf(stored: string): string | null {
    return parse(stored).keyId;
  }

  /**
   * The value encrypted under the current key, or null when it already is (and decrypts). Throws, as `decrypt` does,
   * when no key of the ring can read it.
   */
  reencrypt(stored: string, context = ''): string | null {
    const plaintext = this.decrypt(stored, context);
    return this.keyIdOf(stored) === this.currentKeyId ? null : this.encrypt(plaintext, context);
  }

  encryptJson(value: unknown, context = ''): string {
    return this.encrypt(JSON.stringify(value), context);
  }

  decryptJson<T>(stored: string, context = ''): T {
    return JSON.parse(this.decrypt(stored, context)) as T;
  }
}

function parse(stored: string): Parsed {
  const parts = stored.split(':');
  // v2:<key id>:<iv>:<tag>:<ct>, or v1:<iv>:<tag>:<ct> (no key id).
  const keyId = parts[0] === 'v2' && parts.length === 5 ? (parts[1] ?? '') : null;
  const [iv, tag, ciphertext] = parts.slice(keyId === null ? 1 : 2);
  const known = keyId === null ? parts[0] === 'v1' && parts.length === 4 : /^[0-9a-f]{8}$/.test(keyId);
  if (!known || iv === undefined || tag === undefined || ciphertext === undefined) {
    throw new Error('Stored credentials are not in the v2 (or v1) format');
  }
  const tagBytes = Buffer.from(tag, 'base64');
  if (tagBytes.length !== TAG_BYTES) {
    throw new Error('Stored credentials have a malformed authentication tag');
  }
  return { keyId, iv: Buffer.from(iv, 'base64'), tag: tagBytes, ciphertext: Buffer.from(ciphertext, 'base64') };
}

// The plaintext, or null when this key, IV, tag and context do not authenticate the ciphertext.
function open({ key }: RingKey, { iv, tag, ciphertext }: Parsed, context: string): string | null {
  try {
    const decipher = createDecipheriv(ALGORITHM, key, iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(Buffer.from(context, 'utf8'));
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString('utf8');
  } catch {
    return null;
  }
}
