import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The platform every lib uses (outbox) and the channel framework: plugins, stores, sync runs. */
export class CreateCorePlatform1765000000000 implements MigrationInterface {
  name = 'CreateCorePlatform1765000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE outbox_event (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        topic text NOT NULL,
        aggregate_key text NOT NULL,
        payload jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        relayed_at timestamptz,
        handled_at timestamptz,
        attempts integer NOT NULL DEFAULT 0,
        last_error text
      );
      CREATE INDEX outbox_event_pending_idx ON outbox_event (id) WHERE relayed_at IS NULL;
      CREATE INDEX outbox_event_unhandled_idx ON outbox_event (created_at) WHERE handled_at IS NULL;
      CREATE INDEX outbox_event_handled_idx ON outbox_event (handled_at) WHERE handled_at IS NOT NULL;

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
      DROP TABLE outbox_event;
    `);
  }
}
