// PostgreSQL and Redis checks shared by the demo and the benchmarks. Connection strings are never printed:
// they may carry passwords, so messages name only host and port.
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
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
