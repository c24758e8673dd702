import { type JourneyContext, type JourneyDefinition } from '@parcours/domain/journey';
import { type Pool } from 'pg';

export interface LoadedJourney {
  context: JourneyContext;
  definition: JourneyDefinition;
}

/** Journey rows and their step history; the API creates the row, the worker moves it along. */
export class JourneyStore {
  constructor(private readonly pool: Pool) {}

  /** Marks the journey running and returns what the workflow needs: ids, version, trigger event. */
  async start(journeyId: string): Promise<LoadedJourney | null> {
    const { rows } = await this.pool.query(
      `UPDATE journeys j SET status = CASE WHEN j.status = 'pending' THEN 'running' ELSE j.status END
       FROM scenario_versions v
       WHERE j.id = $1 AND v.id = j.scenario_version_id
       RETURNING j.workspace_id, j.scenario_id, j.scenario_version_id, j.profile_id, j.trigger_event_id,
                 v.definition`,
      [journeyId],
    );
    if (rows.length === 0) return null;
    const row = rows[0];
    const context: JourneyContext = {
      workspaceId: row.workspace_id,
      journeyId,
      scenarioId: row.scenario_id,
      scenarioVersionId: row.scenario_version_id,
      profileId: row.profile_id,
    };
    if (row.trigger_event_id) {
      const event = await this.pool.query(`SELECT id, name, properties FROM events WHERE id = $1`, [
        row.trigger_event_id,
      ]);
      if (event.rows[0]) context.triggerEvent = event.rows[0];
    }
    return { context, definition: row.definition };
  }

  /** Idempotent per (journey, step index): an activity retry records nothing twice. */
  async recordStep(
    context: JourneyContext,
    index: number,
    step: { id: string; type: string },
    outcome: string,
  ): Promise<void> {
    await this.pool.query(
      `WITH step AS (
         INSERT INTO journey_steps (workspace_id, journey_id, step_index, node_id, node_type, outcome)
         VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (journey_id, step_index) DO NOTHING)
       UPDATE journeys SET current_node_id = $4 WHERE id = $2`,
      [context.workspaceId, context.journeyId, index, step.id, step.type, outcome],
    );
  }

  /** True once the journey was ended from outside (profile merged or erased, scenario stopped). */
  async hasExited(journeyId: string): Promise<boolean> {
    const { rows } = await this.pool.query(`SELECT status FROM journeys WHERE id = $1`, [journeyId]);
    return rows[0]?.status === 'exited';
  }

  async complete(journeyId: string, lastStepId: string | undefined): Promise<void> {
    await this.pool.query(
      `UPDATE journeys SET status = 'completed', ended_at = COALESCE(ended_at, now()),
              current_node_id = COALESCE($2, current_node_id)
       WHERE id = $1 AND status IN ('pending', 'running')`,
      [journeyId, lastStepId ?? null],
    );
  }
}
