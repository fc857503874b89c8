import { BullModule } from '@nestjs/bull';
import { Global, Module } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { RedisConnections } from '../redis/redis-connections';
import { RedisModule } from '../redis/redis.module';
import { redisOptionsFromUrl } from '../redis/redis-options.util';
import { QueueName } from './queue-name.enum';

const queues = Object.values(QueueName).map((name) => ({ name }));

/**
 * Bull on Redis. Redis holds triggers only: every job can be rebuilt from PostgreSQL,
 * so a flushed Redis delays work but never loses it.
 */
@Global()
@Module({
  imports: [
    RedisModule,
    BullModule.forRootAsync({
      imports: [RedisModule],
      inject: [AppConfig, RedisConnections],
      useFactory: (config: AppConfig, connections: RedisConnections) => {
        const base = redisOptionsFromUrl(config.REDIS_URL);
        return {
          prefix: config.REDIS_PREFIX,
          createClient: (type) => {
            if (type === 'client') {
              // Producers give up after two retries when Redis is down instead of waiting forever.
              return connections.create({ ...base, maxRetriesPerRequest: 2 });
            }
            return connections.create({ ...base, maxRetriesPerRequest: null, enableReadyCheck: false });
          },
          defaultJobOptions: { removeOnComplete: true, removeOnFail: 1000, attempts: 1 },
          // A killed worker's active job keeps its id (and so blocks re-adds under that id) until its lock expires and
          // a stalled check moves it back: shorter than Bull's 30 s + 30 s, so a crash delays a store's pushes ≤ 20 s.
          settings: { lockDuration: 15_000, lockRenewTime: 5_000, stalledInterval: 5_000 },
        };
      },
    }),
    BullModule.registerQueue(...queues),
  ],
  exports: [BullModule, RedisModule],
})
export class QueueModule {}
