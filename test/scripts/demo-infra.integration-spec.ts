import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Redis from 'ioredis';
import { Client } from 'pg';

const ROOT = join(__dirname, '..', '..');
const INFRA = join(ROOT, 'scripts', 'lib', 'infra.mjs');

// Runs scripts/lib/infra.mjs as the demo does: ensureInfra, then ensureDatabase; prints READY {urls}; SIGTERM stops it all.
const DRIVER = `
import { ensureDatabase, ensureInfra } from ${JSON.stringify(INFRA)};
try {
  const infra = await ensureInfra({
    databaseUrl: process.env.DATABASE_URL,
    redisUrl: process.env.REDIS_URL,
    dataDir: process.env.DATA_DIR,
    searchPath: process.env.SEARCH_PATH,
    log: (line) => console.log(line),
  });
  await ensureDatabase(infra.databaseUrl);
  process.on('SIGTERM', () => void infra.stop().then(() => process.exit(0)));
  console.log('READY ' + JSON.stringify({ databaseUrl: infra.databaseUrl, redisUrl: infra.redisUrl, started: infra.started }));
} catch (error) {
  console.log('FAILED ' + error.message);
  process.exit(3);
}
`;

interface Ready {
  databaseUrl: string;
  redisUrl: string;
  started: string[];
}

class Driver {
  output = '';
  readonly exited: Promise<number | null>;

  constructor(readonly child: ChildProcess) {
    child.stdout?.on('data', (c: Buffer) => (this.output += c.toString()));
    child.stderr?.on('data', (c: Buffer) => (this.output += c.toString()));
    this.exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
  }

  static start(env: Record<string, string>): Driver {
    return new Driver(
      spawn(process.execPath, ['--input-type=module', '-e', DRIVER], {
        cwd: ROOT,
        env: { ...process.env, ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
      }),
    );
  }

  async ready(): Promise<Ready> {
    const deadline = Date.now() + 90_000;
    for (;;) {
      const line = /^READY (.*)$/m.exec(this.output);
      if (line) {
        return JSON.parse(line[1]) as Ready;
      }
      if (this.child.exitCode !== null || Date.now() > deadline) {
        throw new Error(`the infra driver did not get ready (exit ${String(this.child.exitCode)}):\n${this.output}`);
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  async stop(): Promise<number | null> {
    if (this.child.exitCode === null) {
      this.child.kill('SIGTERM');
    }
    return this.exited;
  }
}

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });

const refused = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(true));
  });

describe('npm run demo without PostgreSQL and Redis: scripts/lib/infra.mjs starts its own', () => {
  let dataDir: string;
  let pgPort: number;
  let redisPort: number;
  const drivers: Driver[] = [];
  const run = (env: Record<string, string> = {}) => {
    const driver = Driver.start({
      DATABASE_URL: `postgres://postgres@127.0.0.1:${pgPort}/gantry_fallback`,
      REDIS_URL: `redis://127.0.0.1:${redisPort}/3`,
      DATA_DIR: dataDir,
      SEARCH_PATH: process.env.PATH ?? '',
      ...env,
    });
    drivers.push(driver);
    return driver;
  };

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'gantry-demo-infra-'));
    // As root, PostgreSQL runs as user postgres, which must reach its folder.
    chmodSync(dataDir, 0o755);
    // Ports nothing listens on: never the machine's own servers on 5432 and 6379.
    pgPort = await freePort();
    redisPort = await freePort();
    expect([pgPort, redisPort]).not.toContain(5432);
    expect([pgPort, redisPort]).not.toContain(6379);
  });
  afterAll(async () => {
    await Promise.all(drivers.map((d) => d.stop()));
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('starts an embedded PostgreSQL on that port and a private redis-server, keeps their data, stops them on SIGTERM', async () => {
    const first = run();
    const ready = await first.ready();
    expect(ready.started).toEqual(['redis-server', 'postgres']);
    expect(ready.databaseUrl).toBe(`postgres://postgres@127.0.0.1:${pgPort}/gantry_fallback`);
    const redisUrl = new URL(ready.redisUrl);
    expect(redisUrl.port).not.toBe(String(redisPort));
    expect(redisUrl.pathname).toBe('/3');
    expect(first.output).toContain('Initialising an embedded PostgreSQL');
    expect(existsSync(join(dataDir, 'postgres', 'PG_VERSION'))).toBe(true);

    const db = new Client({ connectionString: ready.databaseUrl });
    await db.connect();
    await db.query('CREATE TABLE kept (v text)');
    await db.query(`INSERT INTO kept VALUES ('from the first run')`);
    await db.end();
    const redis = new Redis(ready.redisUrl);
    await redis.set('kept', 'from the first run');
    redis.disconnect();

    expect(await first.stop()).toBe(0);
    expect(await refused(pgPort)).toBe(true);
    expect(await refused(Number(redisUrl.port))).toBe(true);

    // Again: the cluster is reused (no second initdb), both keep what the first run wrote.
    const second = run();
    const again = await second.ready();
    expect(second.output).not.toContain('Initialising');
    const db2 = new Client({ connectionString: again.databaseUrl });
    await db2.connect();
    expect((await db2.query('SELECT v FROM kept')).rows).toEqual([{ v: 'from the first run' }]);
    await db2.end();
    const redis2 = new Redis(again.redisUrl);
    expect(await redis2.get('kept')).toBe('from the first run');
    redis2.disconnect();
    expect(await second.stop()).toBe(0);
    expect(await refused(pgPort)).toBe(true);
  }, 180_000);

  it('without redis-server on the PATH says in one line how to get it, and starts nothing', async () => {
    const driver = run({ SEARCH_PATH: join(dataDir, 'empty-bin') });
    expect(await driver.exited).toBe(3);
    const failed = /^FAILED (.*)$/m.exec(driver.output)?.[1] ?? driver.output;
    expect(failed).toBe(
      `Redis is not reachable at 127.0.0.1:${redisPort} and there is no redis-server on the PATH: install it (apt-get install redis-server, or brew install redis), or run PostgreSQL and Redis with docker compose -f docker/compose.yml up -d postgres redis`,
    );
    expect(await refused(pgPort)).toBe(true);
  }, 60_000);
});
