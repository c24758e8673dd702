import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Each workspace's VAPID key pair (P-256, unpadded base64url as web-push makes them), made once by
 * the API when a page first asks for the public key: browsers subscribe with it and push services
 * then accept only messages signed with its private key, so it never changes. The worker reads
 * the pair to sign its sends.
 */
export class WorkspaceVapidKeys1764650000000 implements MigrationInterface {
  name = 'WorkspaceVapidKeys1764650000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE workspace_vapid_keys (
        workspace_id uuid PRIMARY KEY REFERENCES workspaces(id) ON DELETE CASCADE,
        public_key text NOT NULL CHECK (length(public_key) = 87),
        private_key text NOT NULL CHECK (length(private_key) = 43),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE workspace_vapid_keys`);
  }
}
