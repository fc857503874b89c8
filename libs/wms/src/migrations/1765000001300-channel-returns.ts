import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Channel returns as the core syncs them: expected before anything arrives, cancelled when the channel withdraws one
 * that nothing of arrived, held (needs_attention) with a reason when it withdraws one that goods of arrived; the
 * channel's name for it; whether the channel restocks the units itself (their receipt is then the store's own effect).
 */
export class ChannelReturns1765000001300 implements MigrationInterface {
  name = 'ChannelReturns1765000001300';

  async up(q: QueryRunner): Promise<void> {
    // ADD VALUE may run in a transaction as long as nothing in it uses the new value.
    await q.query(`ALTER TYPE return_status ADD VALUE IF NOT EXISTS 'expected' BEFORE 'open'`);
    await q.query(`ALTER TYPE return_status ADD VALUE IF NOT EXISTS 'needs_attention' AFTER 'received'`);
    await q.query(`ALTER TYPE return_status ADD VALUE IF NOT EXISTS 'cancelled' AFTER 'needs_attention'`);
    await q.query(`
      ALTER TABLE customer_return
        ADD COLUMN hold_reason text,
        ADD COLUMN external_name text,
        ADD COLUMN channel_restocks boolean NOT NULL DEFAULT false;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    // A cancelled return has no older status to fall back to (open would expect its goods again): a person decides.
    await q.query(`
      DO $$
      BEGIN
        IF EXISTS (SELECT 1 FROM customer_return WHERE status = 'cancelled') THEN
          RAISE EXCEPTION 'customer_return has cancelled returns; delete or reopen them before reverting ChannelReturns1765000001300';
        END IF;
      END $$;

      UPDATE customer_return SET status = 'open' WHERE status = 'expected';
      UPDATE customer_return
         SET status = CASE
           WHEN EXISTS (SELECT 1 FROM jsonb_array_elements(lines) l WHERE (l->>'receivedQuantity')::int < (l->>'quantity')::int)
             THEN 'partially_received'::return_status
           ELSE 'received'::return_status
         END
       WHERE status = 'needs_attention';

      ALTER TABLE customer_return DROP COLUMN channel_restocks, DROP COLUMN external_name, DROP COLUMN hold_reason;

      ALTER TABLE customer_return ALTER COLUMN status DROP DEFAULT;
      ALTER TYPE return_status RENAME TO return_status_old;
      CREATE TYPE return_status AS ENUM ('open', 'partially_received', 'received');
      ALTER TABLE customer_return ALTER COLUMN status TYPE return_status USING status::text::return_status;
      ALTER TABLE customer_return ALTER COLUMN status SET DEFAULT 'open';
      DROP TYPE return_status_old;
    `);
  }
}
