import { spawn, type ChildProcess } from 'node:child_process';
import { connect } from 'node:net';
import Redis from 'ioredis';
import { freePort } from './app-process';
import { until } from './until';

/** A Redis server of the test's own, so FLUSHALL wipes everything without touching other test workers' data. */
export class PrivateRedis {
  private constructor(
    private readonly child: ChildProcess,
    readonly url: string,
    readonly client: Redis,
  ) {}

  static async start(): Promise<PrivateRedis> {
    const port = await freePort();
    const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
      stdio: 'ignore',
    });
    const listening = (): Promise<boolean> =>
      new Promise((resolve) => {
        const socket = connect(port, '127.0.0.1', () => {
          socket.end();
          resolve(true);
        });
        socket.once('error', () => resolve(false));
      });
    try {
      await until(listening, (up) => up, 'a private redis-server', 10_000);
    } catch (error) {
      child.kill('SIGKILL');
      throw error;
    }
    return new PrivateRedis(child, `redis://127.0.0.1:${port}`, new Redis({ port, host: '127.0.0.1' }));
  }

  async stop(): Promise<void> {
    this.client.disconnect();
    this.child.kill('SIGKILL');
    await new Promise((resolve) => this.child.once('exit', resolve));
  }
}
