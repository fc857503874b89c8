import { registerLibAliases } from './alias-resolver';
import { databaseUrl, recreateDatabase, TEMPLATE_DATABASE, withAdminClient, workerDatabaseName } from './test-database';

/**
 * Builds one template database with the real migrations, then clones it for every jest worker,
 * so each worker has its own database and no test shares rows with another worker.
 */
export default async function globalSetup(config: { maxWorkers: number }): Promise<void> {
  await withAdminClient(async (client) => {
    await recreateDatabase(client, TEMPLATE_DATABASE);
  });
  registerLibAliases();
  // Loaded after the aliases: the migrations come from every lib's entry point.
  const { runMigrations } = await import('../../apps/api/src/database/migration-runner');
  await runMigrations(databaseUrl(TEMPLATE_DATABASE));
  await withAdminClient(async (client) => {
    for (let worker = 1; worker <= Math.max(1, config.maxWorkers); worker++) {
      await recreateDatabase(client, workerDatabaseName(worker), TEMPLATE_DATABASE);
    }
  });
}
