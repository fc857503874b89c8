import { BullModule } from '@nestjs/bull';
import { Global, Module } from '@nestjs/common';
import Redis from 'ioredis';
import { AppConfig } from '../config/app-config';
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
    BullModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => {
        const base = redisOptionsFromUrl(config.REDIS_URL);
        let shared: Redis | undefined;
        return {
          prefix: config.REDIS_PREFIX,
          createClient: (type) => {
            if (type === 'client') {
              // Producers fail fast when Redis is down instead of queueing commands in memory.
              shared ??= new Redis({ ...base, maxRetriesPerRequest: 2, enableOfflineQueue: true });
              return shared;
            }
            return new Redis({ ...base, maxRetriesPerRequest: null, enableReadyCheck: false });
          },
          defaultJobOptions: { removeOnComplete: true, removeOnFail: 1000, attempts: 1 },
        };
      },
    }),
    BullModule.registerQueue(...queues),
  ],
  exports: [BullModule],
})
export class QueueModule {}
