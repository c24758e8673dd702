import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * A browser's Web Push subscription belongs to the profile that last registered it: the endpoint
 * (the push service URL, a capability) is unique per workspace, with the keys a message is
 * encrypted for (unpadded base64url, as browsers give them). An address, not consent: sends still
 * check the profile's `push` consent.
 */
export class PushSubscriptions1764210000000 implements MigrationInterface {
  name = 'PushSubscriptions1764210000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE push_subscriptions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
        profile_id uuid NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
        endpoint text NOT NULL CHECK (endpoint LIKE 'https://%' AND length(endpoint) <= 2048),
        p256dh text NOT NULL CHECK (length(p256dh) = 87),
        auth text NOT NULL CHECK (length(auth) = 22),
        expires_at timestamptz,
        user_agent text CHECK (length(user_agent) <= 1024),
        created_at timestamptz NOT NULL DEFAULT now(),
        last_seen_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (workspace_id, endpoint)
      )`);
    await q.query(`CREATE INDEX push_subscriptions_profile_idx ON push_subscriptions (profile_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE push_subscriptions`);
  }
}
