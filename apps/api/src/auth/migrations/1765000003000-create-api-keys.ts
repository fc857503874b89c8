import type { MigrationInterface, QueryRunner } from 'typeorm';

/** API keys of the HTTP API (stored hashed). */
export class CreateApiKeys1765000003000 implements MigrationInterface {
  name = 'CreateApiKeys1765000003000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE api_key (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL,
        role text NOT NULL CHECK (role IN ('admin', 'integration_manager', 'operator', 'viewer')),
        prefix text NOT NULL UNIQUE,
        secret_hash text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        last_used_at timestamptz,
        revoked_at timestamptz
      );
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE api_key;`);
  }
}
