import { databaseUrl, TEST_NAMESPACE, workerDatabaseName } from './test-database';

// Runs in every test file before anything else: this worker's database, Redis db and key prefix.
const worker = Number(process.env.JEST_WORKER_ID ?? '1');
const redisBase = new URL(process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379');
redisBase.pathname = `/${1 + ((worker - 1) % 15)}`;

process.env.NODE_ENV = 'test';
process.env.DATABASE_URL = databaseUrl(workerDatabaseName(worker));
process.env.REDIS_URL = redisBase.toString();
process.env.REDIS_PREFIX = `gantry-test-${TEST_NAMESPACE}-w${worker}`;
process.env.LOG_LEVEL = process.env.TEST_LOG_LEVEL ?? 'silent';
process.env.APP_URL = 'http://127.0.0.1:3999';
