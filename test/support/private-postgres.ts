import { spawn, spawnSync, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { freePort } from './app-process';
import { until } from './until';

/** The newest installed PostgreSQL's bin directory (Debian layout), or PG_BIN. */
function pgBin(): string {
  if (process.env.PG_BIN) {
    return process.env.PG_BIN;
  }
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).sort((a, b) => Number(b) - Number(a)) : [];
  const found = versions.map((v) => join(root, v, 'bin')).find((dir) => existsSync(join(dir, 'initdb')));
  if (!found) {
    throw new Error('no PostgreSQL server binaries found under /usr/lib/postgresql (set PG_BIN)');
  }
  return found;
}

/** initdb and postgres refuse to run as root: as root (CI), they run as the postgres user, which owns the data dir. */
function asServerUser(): Pick<SpawnOptions, 'uid' | 'gid'> {
  if (process.getuid?.() !== 0) {
    return {};
  }
  const id = (flag: string): number => Number(spawnSync('id', [flag, 'postgres'], { encoding: 'utf8' }).stdout.trim());
  const uid = id('-u');
  const gid = id('-g');
  if (!Number.isInteger(uid) || uid <= 0) {
    throw new Error('running as root needs a postgres user to run the private PostgreSQL as');
  }
  return { uid, gid };
}

/**
 * A PostgreSQL cluster of the test's own (initdb into a temp dir, trust auth, a free port), so a test can stop, restart
 * or crash it without touching the shared server every other suite runs on. One database, `gantry`.
 */
export class PrivatePostgres {
  private child?: ChildProcess;
  private exited?: Promise<void>;
  private output = '';

  private constructor(
    private readonly bin: string,
    private readonly dir: string,
    readonly port: number,
    private readonly user: Pick<SpawnOptions, 'uid' | 'gid'>,
  ) {}

  get url(): string {
    return `postgres://postgres@127.0.0.1:${this.port}/gantry`;
  }

  static async start(): Promise<PrivatePostgres> {
    const bin = pgBin();
    const user = asServerUser();
    const dir = mkdtempSync(join(tmpdir(), 'gantry-pg-'));
    if (user.uid !== undefined && user.gid !== undefined) {
      chownSync(dir, user.uid, user.gid);
    }
    const init = spawnSync(join(bin, 'initdb'), ['-D', join(dir, 'data'), '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync'], {
      encoding: 'utf8',
      cwd: dir,
      ...user,
    });
    if (init.status !== 0) {
      rmSync(dir, { recursive: true, force: true });
      throw new Error(`initdb failed: ${init.stderr}`);
    }
    const pg = new PrivatePostgres(bin, dir, await freePort(), user);
    await pg.up();
    await pg.admin((client) => client.query('CREATE DATABASE gantry'));
    return pg;
  }

  /** Runs `fn` with a client on the `postgres` database. */
  async admin<T>(fn: (client: Client) => Promise<T>): Promise<T> {
    const client = new Client({ host: '127.0.0.1', port: this.port, user: 'postgres', database: 'postgres' });
    await client.connect();
    try {
      return await fn(client);
    } finally {
      await client.end();
    }
  }

  /**
   * Stops the server: 'fast' (what `pg_ctl stop -m fast` sends: SIGINT, sessions are ended, a clean checkpoint) or
   * 'immediate' (SIGQUIT: no checkpoint, crash recovery at the next start, as after a power cut).
   */
  async down(mode: 'fast' | 'immediate'): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) {
      return;
    }
    child.kill(mode === 'fast' ? 'SIGINT' : 'SIGQUIT');
    await this.exited;
    this.child = undefined;
  }

  /** Starts the server (if down) on the same port and data directory; resolves once it accepts queries. */
  async up(): Promise<void> {
    if (this.child && this.child.exitCode === null && this.child.signalCode === null) {
      return;
    }
    this.output = '';
    const child = spawn(
      join(this.bin, 'postgres'),
      [
        '-D',
        join(this.dir, 'data'),
        '-p',
        String(this.port),
        '-c',
        'listen_addresses=127.0.0.1',
        '-c',
        `unix_socket_directories=${this.dir}`,
        '-c',
        'fsync=off',
        '-c',
        'full_page_writes=off',
        '-c',
        'max_connections=200',
      ],
      { cwd: this.dir, stdio: ['ignore', 'pipe', 'pipe'], ...this.user },
    );
    const keep = (chunk: Buffer): void => {
      this.output = (this.output + chunk.toString()).slice(-5000);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    this.child = child;
    this.exited = new Promise((resolve) => child.once('exit', () => resolve()));
    const ready = async (): Promise<boolean> => {
      if (child.exitCode !== null) {
        throw new Error(`postgres exited with ${child.exitCode}: ${this.output}`);
      }
      try {
        await this.admin((client) => client.query('SELECT 1'));
        return true;
      } catch {
        return false;
      }
    };
    await until(ready, (ok) => ok, `the private PostgreSQL on port ${this.port}`, 30_000);
  }

  /** Stops the server for good and removes its data directory. */
  async stop(): Promise<void> {
    await this.down('immediate');
    rmSync(this.dir, { recursive: true, force: true });
  }

  log(): string {
    return this.output;
  }
}
