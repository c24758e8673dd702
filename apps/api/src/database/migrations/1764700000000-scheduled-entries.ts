import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Entries no event triggers: the runs of `trigger.schedule` scenarios (one row per firing, walked
 * through the segment in profile id order at the trigger's rate, resumable from `cursor`), and
 * every customer a schedule run or a `trigger.date` sweep tried to enter, once per occurrence,
 * with the outcome (entered, or why not).
 */
export class ScheduledEntries1764700000000 implements MigrationInterface {
  name = 'ScheduledEntries1764700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE scheduled_runs (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
        scenario_id uuid NOT NULL REFERENCES scenarios(id) ON DELETE CASCADE,
        -- The version whose schedule planned the run: a new one replans the runs not started.
        planned_by_version_id uuid NOT NULL REFERENCES scenario_versions(id) ON DELETE CASCADE,
        due_at timestamptz NOT NULL,
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'running', 'done', 'missed', 'cancelled')),
        cursor uuid,
        lease_until timestamptz,
        last_batch_at timestamptz,
        started_at timestamptz,
        finished_at timestamptz,
        UNIQUE (scenario_id, due_at)
      )`);
    await q.query(
      `CREATE INDEX scheduled_runs_open_idx ON scheduled_runs (due_at) WHERE status IN ('pending', 'running')`,
    );
    await q.query(`
      CREATE TABLE scheduled_entries (
        scenario_id uuid NOT NULL REFERENCES scenarios(id) ON DELETE CASCADE,
        -- A schedule run's id, or the day (YYYY-MM-DD) of a date trigger's occurrence.
        occurrence text NOT NULL,
        profile_id uuid NOT NULL,
        outcome text NOT NULL,
        journey_id uuid,
        decided_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (scenario_id, occurrence, profile_id)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE scheduled_entries`);
    await q.query(`DROP TABLE scheduled_runs`);
  }
}
