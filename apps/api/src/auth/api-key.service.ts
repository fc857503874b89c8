import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { AppConfig, AuditService, Role } from '@gantry/core';
import { IsNull, Repository } from 'typeorm';
import { apiKeyState, LAST_USED_PRECISION_MS, lastUseIsStale } from './api-key-state';
import { ApiKey } from './api-key.entity';

/** Who makes a request: an API key (`keyId`) or a person signed in to the admin (`userId`, name = e-mail). */
export interface Principal {
  keyId?: string;
  userId?: string;
  name: string;
  role: Role;
}

/** A presented key: who it is, or why it is refused (expired only once its secret matched). */
export type ApiKeyCheck = { principal: Principal } | { refused: 'unknown' } | { refused: 'expired'; expiredAt: Date };

const KEY_PATTERN = /^gk_([A-Za-z0-9]{12})_([A-Za-z0-9_-]{32,})$/;

// Keys carry 192 bits of randomness, so a fast hash is enough; no password-style stretching needed.
const hash = (secret: string): Buffer => createHash('sha256').update(secret).digest();

/** Issues and verifies API keys of the form gk_<prefix>_<secret>. */
@Injectable()
export class ApiKeyService implements OnApplicationShutdown {
  private readonly logger = new Logger(ApiKeyService.name);
  // Keys whose last use is being written by this process, and those writes (awaited at shutdown).
  private readonly touching = new Map<string, Promise<void>>();

  constructor(
    @InjectRepository(ApiKey) private readonly keys: Repository<ApiKey>,
    private readonly config: AppConfig,
    private readonly audit: AuditService,
  ) {}

  async create(name: string, role: Role, expiresAt: Date | null = null): Promise<{ key: string; record: ApiKey }> {
    const prefix = randomBytes(9).toString('base64url').replace(/[-_]/g, 'x').slice(0, 12);
    const secret = randomBytes(24).toString('base64url');
    // The key and its audit entry commit together: no key without its entry, no entry for a key that failed to save.
    const record = await this.keys.manager.transaction(async (manager) => {
      const keys = manager.getRepository(ApiKey);
      const saved = await keys.save(
        keys.create({ name, role, prefix, secretHash: hash(secret).toString('hex'), expiresAt, lastUsedAt: null }),
      );
      await this.audit.record(manager, {
        action: 'api-key.create',
        targetType: 'api-key',
        targetId: saved.id,
        after: { name, role, prefix, expiresAt },
      });
      return saved;
    });
    return { key: `gk_${prefix}_${secret}`, record };
  }

  async revoke(id: string): Promise<boolean> {
    return this.keys.manager.transaction(async (manager) => {
      const result = await manager.getRepository(ApiKey).update({ id, revokedAt: IsNull() }, { revokedAt: new Date() });
      const revoked = (result.affected ?? 0) > 0;
      if (revoked) {
        await this.audit.record(manager, {
          action: 'api-key.revoke',
          targetType: 'api-key',
          targetId: id,
          before: { revoked: false },
          after: { revoked: true },
        });
      }
      return revoked;
    });
  }

  list(): Promise<ApiKey[]> {
    return this.keys.find({ order: { createdAt: 'ASC' } });
  }

  async verify(presented: string): Promise<ApiKeyCheck> {
    const bootstrap = this.config.BOOTSTRAP_ADMIN_KEY;
    if (bootstrap && presented.length === bootstrap.length && timingSafeEqual(Buffer.from(presented), Buffer.from(bootstrap))) {
      return { principal: { keyId: 'bootstrap', name: 'bootstrap', role: Role.ADMIN } };
    }
    const match = KEY_PATTERN.exec(presented);
    if (!match) {
      return { refused: 'unknown' };
    }
    const [, prefix, secret] = match as unknown as [string, string, string];
    const record = await this.keys.findOneBy({ prefix });
    // A revoked key reads as unknown, as before; "expired" is said only to whoever holds the secret.
    if (!record || !timingSafeEqual(hash(secret), Buffer.from(record.secretHash, 'hex'))) {
      return { refused: 'unknown' };
    }
    const now = new Date();
    const state = apiKeyState(record, now);
    if (state !== 'active') {
      return state === 'expired' && record.expiresAt ? { refused: 'expired', expiredAt: record.expiresAt } : { refused: 'unknown' };
    }
    this.touch(record, now);
    return { principal: { keyId: record.id, name: record.name, role: record.role } };
  }

  /** Waits for the last-use writes under way (tests, and shutdown). */
  async settled(): Promise<void> {
    await Promise.all(this.touching.values());
  }

  async onApplicationShutdown(): Promise<void> {
    await this.settled();
  }

  /**
   * Records the use, at most once a minute per key and without making the request wait. A write per request would turn
   * every read into a write (WAL, vacuum), and a busy integration's parallel requests would queue on that one row's lock;
   * to the minute is all "last used" needs. The update re-checks the age in SQL, so several processes write once too.
   */
  private touch(record: ApiKey, now: Date): void {
    if (!lastUseIsStale(record.lastUsedAt, now) || this.touching.has(record.id)) {
      return;
    }
    const write = this.keys
      .query(
        `UPDATE api_key SET last_used_at = now() WHERE id = $1 AND (last_used_at IS NULL OR last_used_at <= now() - $2 * interval '1 millisecond')`,
        [record.id, LAST_USED_PRECISION_MS],
      )
      .then(
        () => undefined,
        // Losing one "last used" is harmless; the request it belongs to has long been answered.
        (error: unknown) => this.logger.warn(`Could not record the use of API key ${record.id}: ${String(error)}`),
      )
      .finally(() => this.touching.delete(record.id));
    this.touching.set(record.id, write);
  }
}
