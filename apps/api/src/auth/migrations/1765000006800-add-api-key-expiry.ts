import type { MigrationInterface, QueryRunner } from 'typeorm';

/** API keys may expire (issue 18): refused with 401 from that moment on. */
export class AddApiKeyExpiry1765000006800 implements MigrationInterface {
  name = 'AddApiKeyExpiry1765000006800';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE api_key ADD COLUMN expires_at timestamptz`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE api_key DROP COLUMN expires_at`);
  }
}
