// The built API as a child process on the benchmarks' own database (recreated) and Redis prefix: what every bench
// that talks to the API starts from. The Shopify stack (shopify.mjs) adds the sandbox and workers on top.
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { checkRedis, DEFAULT_DATABASE_URL, DEFAULT_REDIS_URL, ensureDatabase, freePort, withDatabase } from '../../scripts/lib/infra.mjs';
import { startService, stopService, waitForHttp } from '../../scripts/lib/services.mjs';
import { requestJson } from './load.mjs';

/**
 * A fresh bench database and Redis prefix, and the API's environment on a free port. BENCH_DATABASE_URL and
 * BENCH_REDIS_PREFIX keep two bench runs apart (the database is recreated each time).
 */
export async function benchEnvironment({ appRole = 'all', extraEnv = {} } = {}) {
  const databaseUrl = process.env.BENCH_DATABASE_URL ?? withDatabase(process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL, 'gantry_bench');
  const redisUrl = process.env.REDIS_URL ?? DEFAULT_REDIS_URL;
  const redisPrefix = process.env.BENCH_REDIS_PREFIX ?? 'gantry_bench';
  await ensureDatabase(databaseUrl, { recreate: true });
  await checkRedis(redisUrl, { deletePrefix: redisPrefix });
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const adminKey = `gk_bench_${randomBytes(24).toString('base64url')}`;
  const env = {
    NODE_ENV: 'test',
    DATABASE_URL: databaseUrl,
    REDIS_URL: redisUrl,
    REDIS_PREFIX: redisPrefix,
    PORT: String(port),
    APP_ROLE: appRole,
    APP_URL: base,
    LOG_LEVEL: 'warn',
    BOOTSTRAP_ADMIN_KEY: adminKey,
    ...extraEnv,
  };
  return { databaseUrl, base, adminKey, env };
}

/** Runs the migrations with `env`; throws with the tail of their log when they fail. */
export async function migrate(env, logFile) {
  const run = startService('migrate', 'dist/apps/api/src/cli.js', { env, args: ['migrate'], logFile });
  const { code } = await run.exited;
  if (code !== 0) throw new Error(`migrations failed:\n${run.tail()}`);
}

/** A migrated bench database and one API process, ready; `call` speaks to it as admin, `stop` ends it. */
export async function startBenchApi({ runsDir, name, appRole = 'all', nodeArgs = [] }) {
  const { databaseUrl, base, adminKey, env } = await benchEnvironment({ appRole });
  await migrate(env, join(runsDir, `${name}-migrate.log`));
  const api = startService('api', 'dist/apps/api/src/main.js', { env, nodeArgs, logFile: join(runsDir, `${name}-api.log`) });
  try {
    await waitForHttp(api, `${base}/health`);
  } catch (error) {
    await stopService(api);
    throw error;
  }
  return {
    api,
    base,
    adminKey,
    databaseUrl,
    call: (method, path, body) => requestJson(method, `${base}/api/v1${path}`, { body, key: adminKey }),
    stop: () => stopService(api),
  };
}
