import { spawn, type ChildProcess } from 'node:child_process';
import { connect } from 'node:net';
import Redis from 'ioredis';
import { freePort } from './app-process';
import { until } from './until';

/**
 * A Redis server of the test's own, so FLUSHALL, SHUTDOWN or a restart touch nothing of other test workers'. No
 * persistence (a restart loses everything, as the design allows: Redis holds triggers only), `noeviction` as production.
 */
export class PrivateRedis {
  private child: ChildProcess;

  private constructor(
    child: ChildProcess,
    readonly port: number,
    readonly client: Redis,
  ) {
    this.child = child;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  static async start(): Promise<PrivateRedis> {
    const port = await freePort();
    const child = await PrivateRedis.spawn(port);
    return new PrivateRedis(child, port, new Redis({ port, host: '127.0.0.1', maxRetriesPerRequest: null }));
  }

  private static async spawn(port: number): Promise<ChildProcess> {
    const child = spawn(
      'redis-server',
      ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--maxmemory-policy', 'noeviction'],
      { stdio: 'ignore' },
    );
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
    return child;
  }

  /** SHUTDOWN NOSAVE: the server goes away with everything it held. */
  async down(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) {
      return;
    }
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    const admin = new Redis({ port: this.port, host: '127.0.0.1', lazyConnect: true, retryStrategy: () => null });
    await admin.connect();
    // The server closes the connection instead of answering.
    await admin.call('SHUTDOWN', 'NOSAVE').catch(() => undefined);
    admin.disconnect();
    await exited;
  }

  /** A new, empty server on the same port (if it is down). */
  async up(): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) {
      return;
    }
    this.child = await PrivateRedis.spawn(this.port);
  }

  async stop(): Promise<void> {
    this.client.disconnect();
    if (this.child.exitCode === null && this.child.signalCode === null) {
      const exited = new Promise((resolve) => this.child.once('exit', resolve));
      this.child.kill('SIGKILL');
      await exited;
    }
  }
}
