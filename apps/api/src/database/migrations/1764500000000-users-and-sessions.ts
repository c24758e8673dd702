import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * People who sign in to the studio. A user belongs to one workspace with one role; emails are
 * unique across workspaces so that signing in needs only an email and a password. Sessions are
 * random 256-bit tokens stored as SHA-256 hashes, like API keys. Failed sign-ins are counted on
 * the user row (locked while checked) to rate-limit guessing per account.
 */
export class UsersAndSessions1764500000000 implements MigrationInterface {
  name = 'UsersAndSessions1764500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE users (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
        email text NOT NULL CHECK (email = lower(email) AND length(email) BETWEEN 3 AND 254),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        role text NOT NULL CHECK (role IN ('admin', 'editor', 'viewer')),
        password_hash text NOT NULL,
        failed_sign_ins integer NOT NULL DEFAULT 0,
        failed_sign_ins_since timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (email)
      )`);
    await q.query(`CREATE INDEX users_workspace_idx ON users (workspace_id, email)`);
    await q.query(`
      CREATE TABLE user_sessions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        token_hash bytea NOT NULL UNIQUE,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX user_sessions_user_idx ON user_sessions (user_id, expires_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE user_sessions`);
    await q.query(`DROP TABLE users`);
  }
}
