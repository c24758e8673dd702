import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { JourneyExits } from './journey-exits.service';

type Target = 'live' | 'paused' | 'stopped';

/** From which statuses each transition is allowed. */
const ALLOWED_FROM: Record<Target, string[]> = {
  paused: ['live'],
  live: ['paused'],
  stopped: ['live', 'paused'],
};

/**
 * Pause (no new entries, journeys in flight go on), resume, and stop (no new entries and every
 * journey in flight exits now with reason `stopped`). Publishing a stopped scenario makes it live again.
 */
@Injectable()
export class ScenarioLifecycleUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly exits: JourneyExits,
  ) {}

  async transition(
    workspaceId: string,
    scenarioId: string,
    target: Target,
  ): Promise<{ status: Target; exitedJourneys: number }> {
    const ended = await this.dataSource.transaction(async (manager) => {
      const [scenario] = await manager.query(
        `SELECT status FROM scenarios WHERE id = $1 AND workspace_id = $2 FOR UPDATE`,
        [scenarioId, workspaceId],
      );
      if (!scenario) throw new NotFoundException(`Scenario ${scenarioId} not found`);
      if (!ALLOWED_FROM[target].includes(scenario.status)) {
        throw new ConflictException(
          `A ${scenario.status} scenario cannot be ${target === 'live' ? 'resumed' : target}` +
            ` (only a ${ALLOWED_FROM[target].join(' or ')} one)`,
        );
      }
      await manager.query(`UPDATE scenarios SET status = $2, updated_at = now() WHERE id = $1`, [
        scenarioId,
        target,
      ]);
      if (target !== 'stopped') return [];
      const [rows]: [{ workflow_id: string }[], number] = await manager.query(
        `UPDATE journeys SET status = 'exited', exit_reason = 'stopped', ended_at = now()
         WHERE scenario_id = $1 AND status IN ('pending', 'running') RETURNING workflow_id`,
        [scenarioId],
      );
      return rows;
    });
    await this.exits.terminate(
      ended.map((row) => ({ workflowId: row.workflow_id })),
      'stopped',
    );
    return { status: target, exitedJourneys: ended.length };
  }
}
