import { DataSource } from 'typeorm';
import { MIGRATIONS, PRE_SPLIT_MIGRATIONS } from './migrations';

/** Runs pending migrations, each in its own transaction; returns the names applied. */
export async function runMigrations(databaseUrl: string): Promise<string[]> {
  const dataSource = new DataSource({
    type: 'postgres',
    url: databaseUrl,
    migrations: MIGRATIONS,
    migrationsTableName: 'typeorm_migrations',
    logging: ['error'],
  });
  await dataSource.initialize();
  try {
    await refusePreSplitSchema(dataSource);
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return applied.map((m) => m.name);
  } finally {
    await dataSource.destroy();
  }
}

// 0.1 (unreleased) kept one migration list for every lib; its schema has other table names. Say so instead of
// failing half-way through with "relation already exists".
async function refusePreSplitSchema(dataSource: DataSource): Promise<void> {
  const [table] = await dataSource.query<{ found: string | null }[]>(`SELECT to_regclass('typeorm_migrations')::text AS found`);
  if (!table?.found) {
    return;
  }
  const old = await dataSource.query<{ name: string }[]>(`SELECT name FROM typeorm_migrations WHERE name = ANY($1::text[])`, [
    PRE_SPLIT_MIGRATIONS,
  ]);
  if (old.length > 0) {
    throw new Error(
      'This database was created by Gantry 0.1, before each lib owned its migrations. Recreate it (drop and create the database, then `npm run migrate`): 0.1 was never released, so there is no upgrade path.',
    );
  }
}
