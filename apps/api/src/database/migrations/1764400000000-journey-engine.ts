import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * The journey engine: scenario lifecycle (paused, stopped), what each version listens for (events
 * routed to running journeys, exit criteria), one active journey per customer and scenario, daily
 * entry caps, the send ledger keyed by iteration (loops send again, retries never), frequency caps
 * and quiet hours per workspace, deferrals recorded, and side effects made idempotent per step.
 */
export class JourneyEngine1764400000000 implements MigrationInterface {
  name = 'JourneyEngine1764400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE scenarios DROP CONSTRAINT scenarios_status_check`);
    await q.query(
      `ALTER TABLE scenarios ADD CONSTRAINT scenarios_status_check
         CHECK (status IN ('draft', 'live', 'paused', 'stopped', 'archived'))`,
    );

    await q.query(`ALTER TABLE scenario_versions ADD COLUMN trigger_type text`);
    await q.query(`ALTER TABLE scenario_versions ADD COLUMN listens_for text[] NOT NULL DEFAULT '{}'`);
    await q.query(`ALTER TABLE scenario_versions ADD COLUMN exit_events text[] NOT NULL DEFAULT '{}'`);
    await q.query(
      `UPDATE scenario_versions SET trigger_type = definition->'steps'->(definition->>'entryStepId')->>'type'`,
    );
    await q.query(`ALTER TABLE scenario_versions ALTER COLUMN trigger_type SET NOT NULL`);
    // Definitions published before entry rules and exit criteria existed: the defaults they implied.
    await q.query(`
      UPDATE scenario_versions SET definition = definition || '{"formatVersion": 2, "entry": {"reentry": {"policy": "always"}},
                                                             "exitCriteria": [], "listensFor": []}'::jsonb
                                           || jsonb_build_object('entryEvent', definition->'steps'->(definition->>'entryStepId')->'config')
      WHERE (definition->>'formatVersion')::int = 1`);

    // Older rows may hold several active journeys of one scenario for one customer: keep the newest.
    await q.query(`
      UPDATE journeys j SET status = 'exited', exit_reason = 'superseded', ended_at = now()
      WHERE status IN ('pending', 'running') AND EXISTS (
        SELECT 1 FROM journeys k WHERE k.scenario_id = j.scenario_id AND k.profile_id = j.profile_id
          AND k.status IN ('pending', 'running') AND (k.entered_at, k.id) > (j.entered_at, j.id))`);
    await q.query(
      `CREATE UNIQUE INDEX journeys_one_active_idx ON journeys (scenario_id, profile_id)
         WHERE status IN ('pending', 'running')`,
    );
    // Routing an event to the running journeys of its profile reads this, never a visibility scan.
    await q.query(
      `CREATE INDEX journeys_active_by_profile_idx ON journeys (profile_id) WHERE status IN ('pending', 'running')`,
    );
    await q.query(
      `CREATE INDEX journeys_scenario_idx ON journeys (scenario_id, scenario_version_id, status)`,
    );

    await q.query(`
      CREATE TABLE scenario_entry_counts (
        scenario_id uuid NOT NULL REFERENCES scenarios(id) ON DELETE CASCADE,
        day date NOT NULL,
        entries integer NOT NULL,
        PRIMARY KEY (scenario_id, day)
      )`);

    await q.query(`ALTER TABLE journey_steps ADD COLUMN iteration integer NOT NULL DEFAULT 0`);
    await q.query(`ALTER TABLE journey_steps ADD COLUMN finished_at timestamptz`);
    await q.query(`ALTER TABLE journey_steps ADD COLUMN detail jsonb`);
    // Per-node stats of a scenario (version, time range) read these without joining journeys.
    await q.query(`ALTER TABLE journey_steps ADD COLUMN scenario_id uuid`);
    await q.query(`ALTER TABLE journey_steps ADD COLUMN scenario_version_id uuid`);
    await q.query(`
      UPDATE journey_steps s SET scenario_id = j.scenario_id, scenario_version_id = j.scenario_version_id
      FROM journeys j WHERE j.id = s.journey_id`);
    await q.query(`CREATE INDEX journey_steps_stats_idx ON journey_steps (scenario_id, at)`);

    await q.query(`ALTER TABLE message_ledger ADD COLUMN iteration integer NOT NULL DEFAULT 0`);
    await q.query(`ALTER TABLE message_ledger ADD COLUMN category text NOT NULL DEFAULT 'marketing'`);
    await q.query(`ALTER TABLE message_ledger DROP CONSTRAINT message_ledger_journey_id_node_id_key`);
    await q.query(
      `ALTER TABLE message_ledger ADD CONSTRAINT message_ledger_step_key UNIQUE (journey_id, node_id, iteration)`,
    );
    // Frequency caps count a customer's recent marketing sends on a channel.
    await q.query(
      `CREATE INDEX message_ledger_pressure_idx ON message_ledger (profile_id, channel, created_at)
         WHERE category = 'marketing' AND status IN ('sending', 'sent')`,
    );

    await q.query(`
      CREATE TABLE message_deferrals (
        id bigserial PRIMARY KEY,
        workspace_id uuid NOT NULL,
        journey_id uuid NOT NULL REFERENCES journeys(id) ON DELETE CASCADE,
        node_id text NOT NULL,
        iteration integer NOT NULL,
        profile_id uuid NOT NULL,
        channel text NOT NULL,
        reason text NOT NULL,
        until timestamptz NOT NULL,
        at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX message_deferrals_journey_idx ON message_deferrals (journey_id)`);

    // A step that changes something outside (a profile update, a webhook call) records its result
    // here in the same transaction, so a retried activity returns it instead of acting twice.
    await q.query(`
      CREATE TABLE step_effects (
        journey_id uuid NOT NULL REFERENCES journeys(id) ON DELETE CASCADE,
        node_id text NOT NULL,
        iteration integer NOT NULL,
        result jsonb NOT NULL,
        at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (journey_id, node_id, iteration)
      )`);

    await q.query(`ALTER TABLE workspaces ADD COLUMN pressure_rules jsonb NOT NULL DEFAULT '{}'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE workspaces DROP COLUMN pressure_rules`);
    await q.query(`DROP TABLE step_effects`);
    await q.query(`DROP TABLE message_deferrals`);
    await q.query(`DROP INDEX message_ledger_pressure_idx`);
    await q.query(`ALTER TABLE message_ledger DROP CONSTRAINT message_ledger_step_key`);
    await q.query(`DELETE FROM message_ledger WHERE iteration > 0`);
    await q.query(
      `ALTER TABLE message_ledger ADD CONSTRAINT message_ledger_journey_id_node_id_key UNIQUE (journey_id, node_id)`,
    );
    await q.query(`ALTER TABLE message_ledger DROP COLUMN category, DROP COLUMN iteration`);
    await q.query(
      `ALTER TABLE journey_steps DROP COLUMN detail, DROP COLUMN finished_at, DROP COLUMN iteration`,
    );
    await q.query(`DROP TABLE scenario_entry_counts`);
    await q.query(`DROP INDEX journeys_scenario_idx`);
    await q.query(`DROP INDEX journeys_active_by_profile_idx`);
    await q.query(`DROP INDEX journeys_one_active_idx`);
    await q.query(
      `ALTER TABLE scenario_versions DROP COLUMN exit_events, DROP COLUMN listens_for, DROP COLUMN trigger_type`,
    );
    await q.query(`UPDATE scenarios SET status = 'live' WHERE status IN ('paused', 'stopped')`);
    await q.query(`ALTER TABLE scenarios DROP CONSTRAINT scenarios_status_check`);
    await q.query(
      `ALTER TABLE scenarios ADD CONSTRAINT scenarios_status_check CHECK (status IN ('draft', 'live', 'archived'))`,
    );
  }
}
