import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import { AppConfig } from '@gantry/core';
import connectPgSimple from 'connect-pg-simple';
import type { RequestHandler } from 'express';
import session from 'express-session';
import type { Pool } from 'pg';
import { DataSource } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import { SESSION_COOKIE, SESSION_MAX_AGE_MS, sessionCookieOptions } from './session-cookie';
import './session-data';

export const SESSION_TABLE = 'app_session';

/** express-session with sessions in PostgreSQL (connect-pg-simple on TypeORM's pool; the table is our migration's). */
@Injectable()
export class SessionMiddlewareProvider implements OnModuleDestroy {
  private readonly store: InstanceType<ReturnType<typeof connectPgSimple>>;
  readonly handler: RequestHandler;

  constructor(config: AppConfig, dataSource: DataSource) {
    const PgStore = connectPgSimple(session);
    this.store = new PgStore({
      pool: (dataSource.driver as PostgresDriver).master as Pool,
      tableName: SESSION_TABLE,
      createTableIfMissing: false,
      ttl: SESSION_MAX_AGE_MS / 1000,
      pruneSessionInterval: 15 * 60,
    });
    this.handler = session({
      name: SESSION_COOKIE,
      secret: config.sessionSecret,
      store: this.store,
      resave: false,
      saveUninitialized: false,
      rolling: true,
      unset: 'destroy',
      cookie: sessionCookieOptions(config.NODE_ENV),
    });
  }

  async onModuleDestroy(): Promise<void> {
    // close() stops the pruning timer; it is async in connect-pg-simple 10 though typed void.
    await Promise.resolve(this.store.close() as unknown);
  }
}
