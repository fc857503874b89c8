import type { ModuleMetadata } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { redisOptionsFromUrl, Role } from '@gantry/core';
import Redis from 'ioredis';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { AppModule } from '../../apps/api/src/app.module';
import { ApiKeyService } from '../../apps/api/src/auth/api-key.service';
import { createApiApp } from '../../apps/api/src/bootstrap/create-api-app';

export interface TestApp {
  app: NestExpressApplication;
  dataSource: DataSource;
  keys: Record<Role, string>;
  /** supertest against the running app; pass a role to authenticate as it (default admin). */
  http: (role?: Role | null) => {
    get: (url: string) => request.Test;
    post: (url: string) => request.Test;
    put: (url: string) => request.Test;
    patch: (url: string) => request.Test;
    delete: (url: string) => request.Test;
  };
  url: string;
  close: () => Promise<void>;
}

/** Empties every table but the migrations' bookkeeping, and this worker's Redis keys (by prefix). */
export async function resetState(dataSource: DataSource): Promise<void> {
  const tables: { tablename: string }[] = await dataSource.query(
    `SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'typeorm_migrations'`,
  );
  if (tables.length > 0) {
    await dataSource.query(`TRUNCATE ${tables.map((t) => `"${t.tablename}"`).join(', ')} RESTART IDENTITY CASCADE`);
  }
  const redis = new Redis(redisOptionsFromUrl(process.env.REDIS_URL as string));
  try {
    await deleteKeysWithPrefix(redis, `${process.env.REDIS_PREFIX as string}:`);
  } finally {
    redis.disconnect();
  }
}

async function deleteKeysWithPrefix(redis: Redis, prefix: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
    if (keys.length > 0) {
      await redis.del(...keys);
    }
    cursor = next;
  } while (cursor !== '0');
}

/** Boots the real application (real PostgreSQL, real Redis) on a random port. */
/** `port` (default random) lets a test know its address before boot, e.g. for APP_URL. */
export async function startTestApp(
  options: { worker?: boolean; imports?: ModuleMetadata['imports']; port?: number } = {},
): Promise<TestApp> {
  const app = await createApiApp(AppModule.forRole({ api: true, worker: options.worker ?? false, imports: options.imports }), {
    logger: false,
  });
  const dataSource = app.get(DataSource);
  await resetState(dataSource);
  await app.listen(options.port ?? 0, '127.0.0.1');
  const url = await app.getUrl();
  const apiKeys = app.get(ApiKeyService);
  const keys = {} as Record<Role, string>;
  for (const role of Object.values(Role)) {
    keys[role] = (await apiKeys.create(`test ${role}`, role)).key;
  }
  const server = app.getHttpServer() as Parameters<typeof request>[0];
  const http: TestApp['http'] = (role = Role.ADMIN) => {
    const auth = (t: request.Test): request.Test => (role ? t.set('Authorization', `Bearer ${keys[role]}`) : t);
    return {
      get: (u) => auth(request(server).get(u)),
      post: (u) => auth(request(server).post(u)),
      put: (u) => auth(request(server).put(u)),
      patch: (u) => auth(request(server).patch(u)),
      delete: (u) => auth(request(server).delete(u)),
    };
  };
  return { app, dataSource, keys, http, url, close: () => app.close() };
}
