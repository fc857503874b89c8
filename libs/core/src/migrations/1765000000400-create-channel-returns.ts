import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The return engine's state: one row per channel return (the state last read from the channel, the warehouse return it
 * became, and why). Returns carry no version on the channel, so a notice only makes a return due and it is read.
 */
export class CreateChannelReturns1765000000400 implements MigrationInterface {
  name = 'CreateChannelReturns1765000000400';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE channel_return (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        store_id uuid NOT NULL REFERENCES store (id) ON DELETE CASCADE,
        external_id text NOT NULL,
        external_name text,
        order_external_id text,
        -- The return as last read from the channel (status, lines, what was disposed of it).
        snapshot jsonb,
        -- pending | requested | expected | received | closed | withdrawn | held | skipped | failed
        state text NOT NULL DEFAULT 'pending',
        reason text,
        warehouse_return_id uuid,
        due_at timestamptz,
        attempts int NOT NULL DEFAULT 0,
        last_error text,
        first_seen_at timestamptz NOT NULL DEFAULT now(),
        synced_at timestamptz,
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT channel_return_external_key UNIQUE (store_id, external_id)
      );
      CREATE INDEX channel_return_due_idx ON channel_return (due_at) WHERE due_at IS NOT NULL;
      CREATE INDEX channel_return_state_idx ON channel_return (store_id, state, updated_at);
      CREATE INDEX channel_return_warehouse_idx ON channel_return (warehouse_return_id) WHERE warehouse_return_id IS NOT NULL;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE channel_return;`);
  }
}
