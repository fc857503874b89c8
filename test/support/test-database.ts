import { Client } from 'pg';

export const ADMIN_DATABASE_URL = process.env.TEST_DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
// Separate namespaces let two checkouts run their suites side by side on one PostgreSQL and Redis.
export const TEST_NAMESPACE = (process.env.GANTRY_TEST_NAMESPACE ?? 'main').replace(/[^a-z0-9]/gi, '').toLowerCase() || 'main';
export const TEMPLATE_DATABASE = `gantry_test_${TEST_NAMESPACE}_template`;

export function databaseUrl(name: string): string {
  const url = new URL(ADMIN_DATABASE_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

export function workerDatabaseName(workerId: string | number): string {
  return `gantry_test_${TEST_NAMESPACE}_w${workerId}`;
}

export async function withAdminClient<T>(run: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: ADMIN_DATABASE_URL });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

/** Drops and re-creates a database; terminates stray connections first (a previous crashed run). */
export async function recreateDatabase(client: Client, name: string, template?: string): Promise<void> {
  await client.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`, [name]);
  await client.query(`DROP DATABASE IF EXISTS "${name}"`);
  await client.query(`CREATE DATABASE "${name}"${template ? ` TEMPLATE "${template}"` : ''}`);
}
