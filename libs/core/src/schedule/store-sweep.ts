import type { Logger } from '@nestjs/common';
import type { DataSource } from 'typeorm';

/**
 * A scheduled reconciliation's round: every connected store that `where` (SQL over the store row, e.g. its settings)
 * selects, oldest first, one after another. A store's failure is logged (its own sync run records it) and the others
 * still get theirs.
 */
export async function sweepStores(
  dataSource: DataSource,
  logger: Logger,
  what: string,
  where: string,
  reconcile: (storeId: string) => Promise<unknown>,
): Promise<void> {
  const stores = await dataSource.query<{ id: string; name: string }[]>(
    `SELECT id, name FROM store WHERE status = 'connected' AND (${where}) ORDER BY created_at`,
  );
  for (const store of stores) {
    try {
      await reconcile(store.id);
    } catch (error) {
      logger.warn(`${what} of ${store.name} failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}
