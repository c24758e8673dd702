import { Injectable, NotFoundException } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** One customer's walk: the journey, every step with its outcome and time, deferrals and sends. */
@Injectable()
export class JourneyPathUseCase {
  constructor(private readonly dataSource: DataSource) {}

  async execute(workspaceId: string, journeyId: string) {
    const [journey] = await this.dataSource.query(
      `SELECT j.id, j.scenario_id AS "scenarioId", v.version, j.profile_id AS "profileId", j.status,
              j.exit_reason AS "exitReason", j.current_node_id AS "currentNodeId", j.entered_at AS "enteredAt",
              j.ended_at AS "endedAt", j.workflow_id AS "workflowId"
       FROM journeys j JOIN scenario_versions v ON v.id = j.scenario_version_id
       WHERE j.id = $1 AND j.workspace_id = $2`,
      [journeyId, workspaceId],
    );
    if (!journey) throw new NotFoundException(`Journey ${journeyId} not found`);
    const [steps, deferrals, messages] = await Promise.all([
      this.dataSource.query(
        `SELECT step_index AS index, node_id AS "nodeId", node_type AS "nodeType", iteration, outcome, detail,
                at, finished_at AS "finishedAt"
         FROM journey_steps WHERE journey_id = $1 ORDER BY step_index`,
        [journeyId],
      ),
      this.dataSource.query(
        `SELECT node_id AS "nodeId", iteration, channel, reason, until, at
         FROM message_deferrals WHERE journey_id = $1 ORDER BY at`,
        [journeyId],
      ),
      this.dataSource.query(
        `SELECT id, node_id AS "nodeId", iteration, channel, category, status, reason, created_at AS at
         FROM message_ledger WHERE journey_id = $1 ORDER BY created_at`,
        [journeyId],
      ),
    ]);
    return { ...journey, steps, deferrals, messages };
  }
}
