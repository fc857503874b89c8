import type { MigrationInterface, QueryRunner } from 'typeorm';
import { lineSearchText, orderSearchText } from '../order/order-search';

/**
 * GET /orders lists newest first, by store or not: without the first two it sorted the whole table for every page.
 * The trigram indexes serve `q` (a substring no btree can find): a rare order number among a million orders is found
 * in milliseconds instead of reading them all (bench/order-search.bench.mjs).
 *
 * Built CONCURRENTLY, so orders keep being imported while a large table is indexed; that cannot run in a transaction.
 * A build that failed half-way leaves an invalid index, dropped first when the migration runs again.
 */
export class OrderListIndexes1765000001500 implements MigrationInterface {
  name = 'OrderListIndexes1765000001500';
  transaction = false;

  async up(q: QueryRunner): Promise<void> {
    try {
      await q.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    } catch (error) {
      throw new Error(
        `Could not enable PostgreSQL's pg_trgm extension (order search needs it): ${error instanceof Error ? error.message : String(error)}. ` +
          'It ships with PostgreSQL (contrib) and is trusted: the database owner, or a role with CREATE on the database, can enable it.',
      );
    }
    for (const [name, definition] of INDEXES) {
      await q.query(`DROP INDEX CONCURRENTLY IF EXISTS ${name}`);
      await q.query(`CREATE INDEX CONCURRENTLY ${name} ON ${definition}`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const [name] of [...INDEXES].reverse()) {
      await q.query(`DROP INDEX CONCURRENTLY IF EXISTS ${name}`);
    }
  }
}

const INDEXES: [string, string][] = [
  ['outbound_order_created_idx', 'outbound_order (created_at DESC, id DESC)'],
  ['outbound_order_store_created_idx', 'outbound_order (store_id, created_at DESC, id DESC) WHERE store_id IS NOT NULL'],
  ['outbound_order_search_idx', `outbound_order USING gin (${orderSearchText()} gin_trgm_ops)`],
  ['order_line_search_idx', `order_line USING gin (${lineSearchText()} gin_trgm_ops)`],
];
