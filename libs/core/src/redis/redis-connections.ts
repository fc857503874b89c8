import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import Redis, { type RedisOptions } from 'ioredis';

/**
 * Owns every Redis connection the app opens. Bull does not close clients it got from a custom
 * `createClient`, so without this a closed app would leave sockets open (and a test run hanging).
 */
@Injectable()
export class RedisConnections implements OnApplicationShutdown {
  private readonly open = new Set<Redis>();

  create(options: RedisOptions): Redis {
    const client = new Redis(options);
    this.open.add(client);
    client.once('end', () => this.open.delete(client));
    return client;
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all(
      [...this.open].map(async (client) => {
        try {
          await client.quit();
        } catch {
          client.disconnect();
        }
      }),
    );
    this.open.clear();
  }
}
