import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The export engine's state: which store a wholesale source feeds, one row per export of a source order (a re-export is
 * a new generation, so the history stays), and when each source store runs next.
 */
export class CreateWholesaleExports1765000000500 implements MigrationInterface {
  name = 'CreateWholesaleExports1765000000500';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE store ADD COLUMN target_store_id uuid REFERENCES store (id) ON DELETE RESTRICT;
      CREATE INDEX store_target_idx ON store (target_store_id) WHERE target_store_id IS NOT NULL;

      CREATE TABLE wholesale_export (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        store_id uuid NOT NULL REFERENCES store (id) ON DELETE CASCADE,
        target_store_id uuid NOT NULL REFERENCES store (id) ON DELETE RESTRICT,
        source_order_id text NOT NULL,
        generation int NOT NULL,
        -- What the sink stores and is searched by after an unknown outcome (the sink has no idempotency key).
        identity text NOT NULL,
        -- pending | in_flight | exported | failed
        state text NOT NULL DEFAULT 'pending',
        -- scheduled | manual | re-export | source-re-export
        origin text NOT NULL,
        requested_by text,
        -- The source order as last read; null until read (a re-export reads it fresh).
        source_order jsonb,
        source_modified_at text,
        -- The previous generation's sink order, which must be cancelled before this one is created.
        supersedes_order_id text,
        sink_order_id text,
        sink_order_name text,
        failure_code text,
        failure_reason text,
        retry text,
        attempts int NOT NULL DEFAULT 0,
        due_at timestamptz,
        leased_until timestamptz,
        sent_at timestamptz,
        exported_at timestamptz,
        marked_at timestamptz,
        alerted_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT wholesale_export_generation_key UNIQUE (store_id, source_order_id, generation),
        CONSTRAINT wholesale_export_identity_key UNIQUE (identity)
      );
      CREATE INDEX wholesale_export_due_idx ON wholesale_export (store_id, due_at) WHERE due_at IS NOT NULL;
      CREATE INDEX wholesale_export_unmarked_idx ON wholesale_export (store_id) WHERE state = 'exported' AND marked_at IS NULL;
      CREATE INDEX wholesale_export_unalerted_idx ON wholesale_export (store_id) WHERE state = 'failed' AND alerted_at IS NULL;
      CREATE INDEX wholesale_export_list_idx ON wholesale_export (store_id, state, created_at);

      CREATE TABLE wholesale_export_schedule (
        store_id uuid PRIMARY KEY REFERENCES store (id) ON DELETE CASCADE,
        next_run_at timestamptz NOT NULL DEFAULT now(),
        -- The pending run a manual request or the schedule opened; the worker picks it up.
        requested_run_id uuid,
        last_run_id uuid,
        last_run_at timestamptz
      );
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE wholesale_export_schedule;
      DROP TABLE wholesale_export;
      ALTER TABLE store DROP COLUMN target_store_id;
    `);
  }
}
