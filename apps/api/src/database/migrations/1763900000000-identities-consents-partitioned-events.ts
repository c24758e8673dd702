import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * The single customer view: a profile is found by any of its identities, consents keep their
 * history, merges are recorded, and events move to a table partitioned by arrival month.
 */
export class IdentitiesConsentsPartitionedEvents1763900000000 implements MigrationInterface {
  name = 'IdentitiesConsentsPartitionedEvents1763900000000';

  async up(q: QueryRunner): Promise<void> {
    // Anonymous visitors have no userId: external_id becomes optional, identities say who is who.
    await q.query(`ALTER TABLE profiles ALTER COLUMN external_id DROP NOT NULL`);
    await q.query(`ALTER TABLE profiles ADD COLUMN phone text`);
    await q.query(`ALTER TABLE profiles ADD COLUMN computed_traits jsonb NOT NULL DEFAULT '{}'`);
    // A merged-away profile stays as a pointer, so running journeys holding its id find the survivor.
    await q.query(`ALTER TABLE profiles ADD COLUMN merged_into uuid REFERENCES profiles(id)`);
    await q.query(`ALTER TABLE profiles ADD COLUMN erased_at timestamptz`);

    await q.query(`
      CREATE TABLE profile_identities (
        workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
        kind text NOT NULL CHECK (kind ~ '^[a-z][a-z0-9_]{0,39}$'),
        value text NOT NULL CHECK (length(value) BETWEEN 1 AND 320),
        profile_id uuid NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (workspace_id, kind, value)
      )`);
    await q.query(`CREATE INDEX profile_identities_profile_idx ON profile_identities (profile_id)`);
    await q.query(`
      INSERT INTO profile_identities (workspace_id, kind, value, profile_id)
      SELECT workspace_id, 'user_id', external_id, id FROM profiles WHERE external_id IS NOT NULL
      UNION ALL
      SELECT workspace_id, 'email', lower(email), id FROM profiles WHERE email IS NOT NULL
      ON CONFLICT DO NOTHING`);

    await q.query(`
      CREATE TABLE consent_history (
        id bigserial PRIMARY KEY,
        workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
        profile_id uuid NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
        channel text NOT NULL CHECK (channel IN ('email', 'sms', 'push')),
        status text NOT NULL CHECK (status IN ('granted', 'revoked')),
        source text,
        at timestamptz NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX consent_history_profile_idx ON consent_history (profile_id, at DESC)`);

    await q.query(`
      CREATE TABLE profile_merges (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
        survivor_id uuid NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
        merged_id uuid NOT NULL,
        reason text NOT NULL CHECK (reason IN ('identify', 'alias', 'api')),
        moved jsonb NOT NULL,
        merged_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX profile_merges_survivor_idx ON profile_merges (survivor_id)`);

    // Journeys can now end early (merged duplicates, erased profiles) and say why.
    await q.query(`ALTER TABLE journeys DROP CONSTRAINT journeys_status_check`);
    await q.query(
      `ALTER TABLE journeys ADD CONSTRAINT journeys_status_check CHECK (status IN ('pending', 'running', 'completed', 'failed', 'exited'))`,
    );
    await q.query(`ALTER TABLE journeys ADD COLUMN exit_reason text`);

    // Events: append-only, partitioned by the month they arrived (received_at never goes back in
    // time, unlike a client's timestamp, so old partitions are closed and can be detached).
    // A partitioned table cannot enforce uniqueness on message_id alone: a side table does.
    await q.query(`ALTER TABLE event_outbox DROP CONSTRAINT event_outbox_event_id_fkey`);
    await q.query(`ALTER TABLE journeys DROP CONSTRAINT journeys_trigger_event_id_fkey`);
    await q.query(`ALTER TABLE events RENAME TO events_unpartitioned`);
    await q.query(
      `ALTER TABLE events_unpartitioned RENAME CONSTRAINT events_pkey TO events_unpartitioned_pkey`,
    );
    await q.query(`DROP INDEX events_profile_time_idx, events_message_id_idx`);
    await q.query(`
      CREATE TABLE events (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        workspace_id uuid NOT NULL,
        profile_id uuid NOT NULL,
        type text NOT NULL DEFAULT 'track' CHECK (type IN ('track', 'page', 'screen', 'identify', 'group', 'alias')),
        name text NOT NULL,
        properties jsonb NOT NULL DEFAULT '{}',
        context jsonb,
        message_id text,
        occurred_at timestamptz NOT NULL,
        received_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (id, received_at)
      ) PARTITION BY RANGE (received_at)`);
    await q.query(`CREATE INDEX events_profile_time_idx ON events (profile_id, occurred_at DESC)`);
    await q.query(`CREATE INDEX events_name_time_idx ON events (workspace_id, name, occurred_at)`);
    await q.query(`
      CREATE TABLE event_message_ids (
        workspace_id uuid NOT NULL,
        message_id text NOT NULL,
        event_id uuid NOT NULL,
        received_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (workspace_id, message_id)
      )`);
    await q.query(`
      CREATE FUNCTION parcours_ensure_event_partitions(months_ahead integer) RETURNS void AS $$
      DECLARE
        first date := date_trunc('month', now() - interval '1 month');
        m date;
      BEGIN
        FOR i IN 0..months_ahead + 1 LOOP
          m := first + make_interval(months => i);
          EXECUTE format(
            'CREATE TABLE IF NOT EXISTS %I PARTITION OF events FOR VALUES FROM (%L) TO (%L)',
            'events_' || to_char(m, 'YYYY_MM'), m, m + interval '1 month');
        END LOOP;
      END $$ LANGUAGE plpgsql`);
    await q.query(`CREATE TABLE events_default PARTITION OF events DEFAULT`);
    await q.query(`SELECT parcours_ensure_event_partitions(3)`);
    await q.query(`
      INSERT INTO events (id, workspace_id, profile_id, name, properties, message_id, occurred_at, received_at)
      SELECT id, workspace_id, profile_id, name, properties, message_id, occurred_at, received_at
      FROM events_unpartitioned`);
    await q.query(`
      INSERT INTO event_message_ids (workspace_id, message_id, event_id, received_at)
      SELECT workspace_id, message_id, id, received_at FROM events_unpartitioned WHERE message_id IS NOT NULL`);
    await q.query(`DROP TABLE events_unpartitioned`);
  }

  async down(): Promise<void> {
    throw new Error('IdentitiesConsentsPartitionedEvents cannot be reverted: restore a backup instead');
  }
}
