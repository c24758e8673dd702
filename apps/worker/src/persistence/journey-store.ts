import { type JourneyContext, type JourneyDefinition } from '@parcours/domain/journey';
import { type Pool } from 'pg';

export interface LoadedJourney {
  context: JourneyContext;
  definition: JourneyDefinition;
}

export interface StepRecord {
  journeyId: string;
  workspaceId: string;
  scenarioId: string;
  scenarioVersionId: string;
  index: number;
  iteration: number;
  nodeId: string;
  nodeType: string;
}

const ACTIVE = `('pending', 'running')`;

/** Journey rows and their step history; the API creates the row, the worker moves it along. */
export class JourneyStore {
  constructor(private readonly pool: Pool) {}

  /**
   * Marks the journey running (recording its entry as step 0) and returns what the workflow
   * needs; `ended` with the reason when it was ended from outside before it could start.
   */
  async start(
    journeyId: string,
    { recordEntry }: { recordEntry: boolean },
  ): Promise<LoadedJourney | { ended: string } | null> {
    const { rows } = await this.pool.query(
      `WITH started AS (
         UPDATE journeys j SET status = CASE WHEN j.status = 'pending' THEN 'running' ELSE j.status END
         WHERE j.id = $1
         RETURNING j.*)
       SELECT s.workspace_id, s.scenario_id, s.scenario_version_id, s.profile_id, s.trigger_event_id, s.status,
              s.exit_reason, s.entered_at, v.definition
       FROM started s JOIN scenario_versions v ON v.id = s.scenario_version_id`,
      [journeyId],
    );
    if (rows.length === 0) return null;
    const row = rows[0];
    if (row.status !== 'running') return { ended: row.exit_reason ?? row.status };
    const context: JourneyContext = {
      workspaceId: row.workspace_id,
      journeyId,
      scenarioId: row.scenario_id,
      scenarioVersionId: row.scenario_version_id,
      profileId: row.profile_id,
      enteredAt: new Date(row.entered_at).toISOString(),
    };
    if (row.trigger_event_id) {
      const event = await this.pool.query(`SELECT id, name, properties FROM events WHERE id = $1`, [
        row.trigger_event_id,
      ]);
      if (event.rows[0]) context.triggerEvent = event.rows[0];
    }
    const definition: JourneyDefinition = row.definition;
    const trigger = definition.steps[definition.entryStepId];
    if (recordEntry) {
      await this.recordStep(
        {
          journeyId,
          workspaceId: row.workspace_id,
          scenarioId: row.scenario_id,
          scenarioVersionId: row.scenario_version_id,
          index: 0,
          iteration: 0,
          nodeId: trigger.id,
          nodeType: trigger.type,
        },
        'entered',
      );
    }
    return { context, definition };
  }

  /**
   * One row per step visit, keyed by (journey, index): a retried activity rewrites the same row.
   * `waiting` opens it; the step's outcome (`waited`, `yes`, `sent`, …) closes it. `converted` is
   * final: the event router records it when the converting event also exits the journey, and the
   * terminated workflow's write still in flight (`not_converted` at the window's end, a retried
   * `waiting`) must not undo it.
   */
  async recordStep(step: StepRecord, outcome: string, detail?: Record<string, unknown>): Promise<void> {
    const open = outcome === 'waiting' || outcome.startsWith('deferred');
    await this.pool.query(
      `WITH step AS (
         INSERT INTO journey_steps (workspace_id, journey_id, step_index, iteration, node_id, node_type, outcome,
                                    detail, finished_at, scenario_id, scenario_version_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, CASE WHEN $9 THEN NULL ELSE now() END, $10, $11)
         ON CONFLICT (journey_id, step_index) DO UPDATE
           SET outcome = EXCLUDED.outcome, detail = COALESCE(EXCLUDED.detail, journey_steps.detail),
               finished_at = EXCLUDED.finished_at
           WHERE journey_steps.outcome IS DISTINCT FROM 'converted')
       UPDATE journeys SET current_node_id = $5 WHERE id = $2 AND status IN ${ACTIVE}`,
      [
        step.workspaceId,
        step.journeyId,
        step.index,
        step.iteration,
        step.nodeId,
        step.nodeType,
        outcome,
        detail ?? null,
        open,
        step.scenarioId,
        step.scenarioVersionId,
      ],
    );
  }

  /** The reason the journey ended from outside (profile merged or erased, scenario stopped, exit criterion), if it did. */
  async endedReason(journeyId: string): Promise<string | null> {
    const { rows } = await this.pool.query(`SELECT status, exit_reason FROM journeys WHERE id = $1`, [
      journeyId,
    ]);
    if (!rows[0]) return 'deleted';
    return rows[0].status === 'running' || rows[0].status === 'pending'
      ? null
      : (rows[0].exit_reason ?? rows[0].status);
  }

  /** Ends the journey: `completed` when it reached an exit node, else `exited` with the reason. */
  async complete(step: StepRecord, exitReason: string): Promise<void> {
    await this.recordStep(step, exitReason === 'completed' ? 'exited' : `exited:${exitReason}`);
    await this.pool.query(
      `UPDATE journeys SET status = CASE WHEN $3 = 'completed' THEN 'completed' ELSE 'exited' END,
              exit_reason = CASE WHEN $3 = 'completed' THEN NULL ELSE $3 END,
              ended_at = COALESCE(ended_at, now()), current_node_id = $2
       WHERE id = $1 AND status IN ${ACTIVE}`,
      [step.journeyId, step.nodeId, exitReason],
    );
  }
}
