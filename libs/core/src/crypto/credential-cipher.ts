import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const VERSION = 'v1';
const ALGORITHM = 'aes-256-gcm';
const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * AES-256-GCM for credentials at rest. Stored as `v1:<iv>:<tag>:<ciphertext>` (base64 parts).
 * The optional context (e.g. the store id) is bound as associated data, so a value copied to another row fails to decrypt.
 */
export class CredentialCipher {
  constructor(private readonly key: Buffer) {
    if (key.length !== 32) {
      throw new Error(`CredentialCipher needs a 32-byte key, got ${key.length} bytes`);
    }
  }

  encrypt(plaintext: string, context = ''): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv(ALGORITHM, this.key, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(Buffer.from(context, 'utf8'));
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return [VERSION, iv.toString('base64'), cipher.getAuthTag().toString('base64'), ciphertext.toString('base64')].join(':');
  }

  decrypt(stored: string, context = ''): string {
    const parts = stored.split(':');
    const [version, iv, tag, ciphertext] = parts;
    if (parts.length !== 4 || version !== VERSION || iv === undefined || tag === undefined || ciphertext === undefined) {
      throw new Error(`Stored credentials are not in the ${VERSION} format`);
    }
    const decipher = createDecipheriv(ALGORITHM, this.key, Buffer.from(iv, 'base64'), { authTagLength: TAG_BYTES });
    decipher.setAAD(Buffer.from(context, 'utf8'));
    const tagBytes = Buffer.from(tag, 'base64');
    if (tagBytes.length !== TAG_BYTES) {
      throw new Error('Stored credentials have a malformed authentication tag');
    }
    decipher.setAuthTag(tagBytes);
    try {
      return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64')), decipher.final()]).toString('utf8');
    } catch {
      // GCM refuses a wrong key, a changed byte or a different context alike.
      throw new Error('Stored credentials failed authentication: tampered, moved, or encrypted under another ENCRYPTION_KEY');
    }
  }

  encryptJson(value: unknown, context = ''): string {
    return this.encrypt(JSON.stringify(value), context);
  }

  decryptJson<T>(stored: string, context = ''): T {
    return JSON.parse(this.decrypt(stored, context)) as T;
  }
}
