import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateChannelFramework1763900000000 implements MigrationInterface {
  name = 'CreateChannelFramework1763900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE plugin (
        key text PRIMARY KEY,
        name text NOT NULL,
        active boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      );

      CREATE TYPE store_status AS ENUM ('connected', 'needs_reauth', 'disconnected');
      CREATE TABLE store (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        plugin_key text NOT NULL REFERENCES plugin (key),
        name text NOT NULL,
        external_account_id text NOT NULL,
        status store_status NOT NULL DEFAULT 'connected',
        settings jsonb NOT NULL DEFAULT '{}',
        credentials_encrypted text,
        scopes text[] NOT NULL DEFAULT '{}',
        missing_scopes text[] NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        connected_at timestamptz,
        disconnected_at timestamptz,
        CONSTRAINT store_plugin_account_key UNIQUE (plugin_key, external_account_id)
      );

      CREATE TYPE sync_run_status AS ENUM ('running', 'succeeded', 'partial', 'failed');
      CREATE TABLE sync_run (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        store_id uuid REFERENCES store (id),
        kind text NOT NULL,
        status sync_run_status NOT NULL DEFAULT 'running',
        trigger text NOT NULL DEFAULT 'manual',
        started_at timestamptz NOT NULL DEFAULT now(),
        finished_at timestamptz,
        counts jsonb NOT NULL DEFAULT '{}',
        error text
      );
      CREATE INDEX sync_run_store_idx ON sync_run (store_id, started_at DESC);
      CREATE INDEX sync_run_kind_idx ON sync_run (kind, started_at DESC);
      CREATE INDEX sync_run_running_idx ON sync_run (started_at) WHERE status = 'running';

      CREATE TABLE sync_run_item (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        sync_run_id uuid NOT NULL REFERENCES sync_run (id) ON DELETE CASCADE,
        external_ref text,
        sku text,
        outcome text NOT NULL,
        reason text,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX sync_run_item_run_idx ON sync_run_item (sync_run_id, id);
      CREATE INDEX sync_run_item_sku_idx ON sync_run_item (sku) WHERE sku IS NOT NULL;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE sync_run_item;
      DROP TABLE sync_run;
      DROP TYPE sync_run_status;
      DROP TABLE store;
      DROP TYPE store_status;
      DROP TABLE plugin;
    `);
  }
}
