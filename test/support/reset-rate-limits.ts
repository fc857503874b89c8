import { Client } from 'pg';

// Rate limits count per client address and every test's requests come from 127.0.0.1, so counts would run from one
// test into the next (and to the spec's order). Each test starts with none counted, as each spec starts with empty
// tables (resetState); within a test the real limits hold. This worker's database, so apps in child processes too.
const UNDEFINED_TABLE = '42P01';
const INVALID_CATALOG = '3D000';

beforeEach(async () => {
  const client = new Client({ connectionString: process.env.DATABASE_URL });
  try {
    await client.connect();
    await client.query('DELETE FROM rate_limit_counter');
  } catch (error) {
    // A spec that made its own database (or none) has no counters to forget.
    const code = (error as { code?: unknown }).code;
    if (code !== UNDEFINED_TABLE && code !== INVALID_CATALOG) {
      throw error;
    }
  } finally {
    await client.end().catch(() => undefined);
  }
});
