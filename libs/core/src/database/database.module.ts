import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '../config/app-config';
import { GuardedPgClient } from './guarded-pg-client';
import { SnakeNamingStrategy } from './snake-naming.strategy';

/** PostgreSQL through TypeORM. The schema comes from migrations only (`npm run migrate`). */
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        type: 'postgres' as const,
        url: config.DATABASE_URL,
        autoLoadEntities: true,
        synchronize: false,
        migrationsRun: false,
        namingStrategy: new SnakeNamingStrategy(),
        // A PostgreSQL that does not answer (failover, network cut) fails a request after 15 s (503) instead of holding it
        // until TCP gives up; generous, as the wait for a free pooled connection counts too. Keepalive notices a dead
        // peer. Connections dropped by a restart are replaced on demand.
        extra: {
          max: config.DATABASE_POOL_SIZE,
          application_name: `gantry-${config.APP_ROLE}`,
          connectionTimeoutMillis: 15_000,
          keepAlive: true,
          // A connection lost while checked out is an error to handle, not a crash (see GuardedPgClient).
          Client: GuardedPgClient,
        },
        logging: false,
      }),
    }),
  ],
})
export class DatabaseModule {}
