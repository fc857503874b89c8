import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import Redis, { type RedisOptions } from 'ioredis';

/**
 * Owns every Redis connection the app opens. Bull never closes clients it got from a custom
 * `createClient`, and while closing it even reconnects its blocking client; without this a closed
 * app would leave sockets open (and a test run hanging).
 */
@Injectable()
export class RedisConnections implements OnApplicationShutdown {
  private readonly clients = new Set<Redis>();
  private closing = false;

  create(options: RedisOptions): Redis {
    const client = new Redis(options);
    this.clients.add(client);
    // A reconnect that races the shutdown is closed again as soon as it is up.
    client.on('connect', () => {
      if (this.closing) {
        client.disconnect();
      }
    });
    return client;
  }

  async onApplicationShutdown(): Promise<void> {
    this.closing = true;
    await Promise.all(
      [...this.clients].map(async (client) => {
        if (client.status === 'end') {
          return;
        }
        try {
          await client.quit();
        } catch {
          client.disconnect();
        }
      }),
    );
  }
}
