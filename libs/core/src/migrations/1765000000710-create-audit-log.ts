import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The audit log: one row per change made by a person, a key or the system. No foreign keys: an entry outlives the store,
 * person or key it names. Rows are never changed: a trigger refuses UPDATE and DELETE.
 */
export class CreateAuditLog1765000000710 implements MigrationInterface {
  name = 'CreateAuditLog1765000000710';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE audit_entry (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        occurred_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        actor_kind text NOT NULL CHECK (actor_kind IN ('user', 'api_key', 'system')),
        actor_id text,
        actor_label text NOT NULL,
        action text NOT NULL,
        target_type text NOT NULL,
        target_id text,
        store_id uuid,
        before jsonb,
        after jsonb,
        request_id text
      );
      CREATE INDEX audit_entry_store_idx ON audit_entry (store_id, id DESC) WHERE store_id IS NOT NULL;
      CREATE INDEX audit_entry_actor_idx ON audit_entry (actor_id, id DESC);
      CREATE INDEX audit_entry_actor_label_idx ON audit_entry (lower(actor_label), id DESC);
      CREATE INDEX audit_entry_action_idx ON audit_entry (action, id DESC);
      CREATE INDEX audit_entry_target_idx ON audit_entry (target_type, target_id, id DESC);
      CREATE INDEX audit_entry_occurred_idx ON audit_entry (occurred_at);

      CREATE FUNCTION audit_entry_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit entries are never changed or deleted';
      END;
      $$;
      CREATE TRIGGER audit_entry_immutable BEFORE UPDATE OR DELETE ON audit_entry
        FOR EACH ROW EXECUTE FUNCTION audit_entry_immutable();
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE audit_entry; DROP FUNCTION audit_entry_immutable();`);
  }
}
