import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { AppConfig, Role } from '@gantry/core';
import { IsNull, Repository } from 'typeorm';
import { ApiKey } from './api-key.entity';

/** Who makes a request: an API key (`keyId`) or a person signed in to the admin (`userId`, name = e-mail). */
export interface Principal {
  keyId?: string;
  userId?: string;
  name: string;
  role: Role;
}

const KEY_PATTERN = /^gk_([A-Za-z0-9]{12})_([A-Za-z0-9_-]{32,})$/;

// Keys carry 192 bits of randomness, so a fast hash is enough; no password-style stretching needed.
const hash = (secret: string): Buffer => createHash('sha256').update(secret).digest();

/** Issues and verifies API keys of the form gk_<prefix>_<secret>. */
@Injectable()
export class ApiKeyService {
  constructor(
    @InjectRepository(ApiKey) private readonly keys: Repository<ApiKey>,
    private readonly config: AppConfig,
  ) {}

  async create(name: string, role: Role): Promise<{ key: string; record: ApiKey }> {
    const prefix = randomBytes(9).toString('base64url').replace(/[-_]/g, 'x').slice(0, 12);
    const secret = randomBytes(24).toString('base64url');
    const record = await this.keys.save(this.keys.create({ name, role, prefix, secretHash: hash(secret).toString('hex') }));
    return { key: `gk_${prefix}_${secret}`, record };
  }

  async revoke(id: string): Promise<boolean> {
    const result = await this.keys.update({ id, revokedAt: IsNull() }, { revokedAt: new Date() });
    return (result.affected ?? 0) > 0;
  }

  list(): Promise<ApiKey[]> {
    return this.keys.find({ order: { createdAt: 'ASC' } });
  }

  async verify(presented: string): Promise<Principal | null> {
    const bootstrap = this.config.BOOTSTRAP_ADMIN_KEY;
    if (bootstrap && presented.length === bootstrap.length && timingSafeEqual(Buffer.from(presented), Buffer.from(bootstrap))) {
      return { keyId: 'bootstrap', name: 'bootstrap', role: Role.ADMIN };
    }
    const match = KEY_PATTERN.exec(presented);
    if (!match) {
      return null;
    }
    const [, prefix, secret] = match as unknown as [string, string, string];
    const record = await this.keys.findOneBy({ prefix });
    if (!record || record.revokedAt) {
      return null;
    }
    if (!timingSafeEqual(hash(secret), Buffer.from(record.secretHash, 'hex'))) {
      return null;
    }
    // Touch at most once a minute: no write per request.
    if (!record.lastUsedAt || Date.now() - record.lastUsedAt.getTime() > 60_000) {
      await this.keys.update({ id: record.id }, { lastUsedAt: new Date() });
    }
    return { keyId: record.id, name: record.name, role: record.role };
  }
}
