import type { MigrationInterface, QueryRunner } from 'typeorm';

/** People of the admin (e-mail + scrypt password), their invitations, and the session store (connect-pg-simple's table). */
export class CreateUsersAndSessions1765000004000 implements MigrationInterface {
  name = 'CreateUsersAndSessions1765000004000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE app_user (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        email text NOT NULL CHECK (email = lower(email) AND email LIKE '%_@_%'),
        password_hash text,
        role text NOT NULL CHECK (role IN ('admin', 'integration_manager', 'operator', 'viewer')),
        active boolean NOT NULL DEFAULT false,
        failed_attempts integer NOT NULL DEFAULT 0,
        locked_until timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        last_sign_in_at timestamptz
      );
    `);
    await q.query(`CREATE UNIQUE INDEX app_user_email_key ON app_user (lower(email));`);
    await q.query(`
      CREATE TABLE user_invitation (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
        token_hash text NOT NULL UNIQUE,
        expires_at timestamptz NOT NULL,
        used_at timestamptz,
        created_by text,
        created_at timestamptz NOT NULL DEFAULT now()
      );
    `);
    await q.query(`CREATE INDEX user_invitation_user_idx ON user_invitation (user_id);`);
    // connect-pg-simple's table.sql, under our name; the library is told not to create it.
    await q.query(`
      CREATE TABLE app_session (
        sid varchar NOT NULL COLLATE "default" PRIMARY KEY,
        sess json NOT NULL,
        expire timestamp(6) NOT NULL
      );
    `);
    await q.query(`CREATE INDEX app_session_expire_idx ON app_session (expire);`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE app_session;`);
    await q.query(`DROP TABLE user_invitation;`);
    await q.query(`DROP TABLE app_user;`);
  }
}
