import { type MigrationInterface, type QueryRunner } from 'typeorm';

export class InitialSchema1763800000000 implements MigrationInterface {
  name = 'InitialSchema1763800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE workspaces (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    // Keys are random 256-bit secrets, so a plain SHA-256 is enough to keep them unusable at rest.
    await q.query(`
      CREATE TABLE api_keys (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
        kind text NOT NULL CHECK (kind IN ('admin', 'write')),
        name text NOT NULL,
        key_hash bytea NOT NULL UNIQUE,
        key_hint text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        revoked_at timestamptz
      )`);
    await q.query(`CREATE INDEX api_keys_workspace_idx ON api_keys (workspace_id)`);

    await q.query(`
      CREATE TABLE scenarios (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
        name text NOT NULL,
        status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'live', 'archived')),
        draft jsonb NOT NULL,
        current_version integer,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX scenarios_workspace_idx ON scenarios (workspace_id, updated_at DESC)`);
    await q.query(`
      CREATE TABLE scenario_versions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
        scenario_id uuid NOT NULL REFERENCES scenarios(id) ON DELETE CASCADE,
        version integer NOT NULL,
        graph jsonb NOT NULL,
        definition jsonb NOT NULL,
        trigger_event text,
        published_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (scenario_id, version)
      )`);
    // Dispatch looks up "live versions triggered by event X in workspace W" for every event.
    await q.query(
      `CREATE INDEX scenario_versions_trigger_idx ON scenario_versions (workspace_id, trigger_event)`,
    );

    await q.query(`
      CREATE TABLE profiles (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
        external_id text NOT NULL,
        email text,
        traits jsonb NOT NULL DEFAULT '{}',
        consents jsonb NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (workspace_id, external_id)
      )`);

    await q.query(`
      CREATE TABLE events (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
        profile_id uuid NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
        name text NOT NULL,
        properties jsonb NOT NULL DEFAULT '{}',
        message_id text,
        occurred_at timestamptz NOT NULL,
        received_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(
      `CREATE INDEX events_profile_time_idx ON events (workspace_id, profile_id, occurred_at DESC)`,
    );
    await q.query(
      `CREATE UNIQUE INDEX events_message_id_idx ON events (workspace_id, message_id) WHERE message_id IS NOT NULL`,
    );
    // Transactional outbox: written with the event, deleted once its journeys are started. A
    // dispatcher leases rows (locked_until) so a crashed one's rows are picked up again.
    await q.query(`
      CREATE TABLE event_outbox (
        event_id uuid PRIMARY KEY REFERENCES events(id) ON DELETE CASCADE,
        workspace_id uuid NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        locked_until timestamptz
      )`);

    await q.query(`
      CREATE TABLE journeys (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
        scenario_id uuid NOT NULL REFERENCES scenarios(id) ON DELETE CASCADE,
        scenario_version_id uuid NOT NULL REFERENCES scenario_versions(id),
        profile_id uuid NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
        entry_key text NOT NULL,
        trigger_event_id uuid REFERENCES events(id) ON DELETE SET NULL,
        workflow_id text NOT NULL UNIQUE,
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'running', 'completed', 'failed')),
        current_node_id text,
        entered_at timestamptz NOT NULL DEFAULT now(),
        ended_at timestamptz,
        UNIQUE (scenario_id, profile_id, entry_key)
      )`);
    await q.query(`CREATE INDEX journeys_profile_idx ON journeys (workspace_id, profile_id)`);
    await q.query(`
      CREATE TABLE journey_steps (
        id bigserial PRIMARY KEY,
        workspace_id uuid NOT NULL,
        journey_id uuid NOT NULL REFERENCES journeys(id) ON DELETE CASCADE,
        step_index integer NOT NULL,
        node_id text NOT NULL,
        node_type text NOT NULL,
        outcome text,
        at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (journey_id, step_index)
      )`);
    await q.query(`CREATE INDEX journey_steps_node_idx ON journey_steps (workspace_id, node_id)`);

    // One row per journey + node claimed before anything is sent: the at-most-once guarantee.
    await q.query(`
      CREATE TABLE message_ledger (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        workspace_id uuid NOT NULL,
        journey_id uuid NOT NULL REFERENCES journeys(id) ON DELETE CASCADE,
        node_id text NOT NULL,
        profile_id uuid NOT NULL,
        channel text NOT NULL,
        status text NOT NULL CHECK (status IN ('sending', 'sent', 'failed', 'skipped')),
        recipient text,
        reason text,
        provider_message_id text,
        attempts integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (journey_id, node_id)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'message_ledger',
      'journey_steps',
      'journeys',
      'event_outbox',
      'events',
      'profiles',
      'scenario_versions',
      'scenarios',
      'api_keys',
      'workspaces',
    ]) {
      await q.query(`DROP TABLE IF EXISTS ${table}`);
    }
  }
}
