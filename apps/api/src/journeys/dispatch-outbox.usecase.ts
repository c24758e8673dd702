import { Injectable, Logger } from '@nestjs/common';
import { type EventTriggerMatcher, matchesEventTrigger, triggerOf } from '@parcours/domain';
import { type JourneyDefinition, journeyWorkflowId } from '@parcours/domain/journey';
import { DataSource } from 'typeorm';
import { JourneyStarter } from './journey-starter.service';

interface PendingEvent {
  id: string;
  type: string;
  workspace_id: string;
  profile_id: string;
  name: string;
  properties: Record<string, unknown>;
}

interface LiveVersion {
  id: string;
  scenario_id: string;
  definition: JourneyDefinition;
}

/** How long a dispatcher owns outbox rows before another may take them over. */
const LEASE = '60 seconds';
/** When Temporal refuses a start, try that event again after this. */
const RETRY_AFTER = '5 seconds';

@Injectable()
export class DispatchOutboxUseCase {
  private readonly logger = new Logger(DispatchOutboxUseCase.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly starter: JourneyStarter,
  ) {}

  /**
   * Takes a batch of stored events and starts the journeys they trigger. Each step is safe to
   * repeat: the journey row is keyed by scenario + profile + event and the workflow id derives
   * from the same key, so a dispatcher that dies anywhere in here only causes a harmless retry.
   * Returns how many events were taken.
   */
  async execute(batchSize = 100): Promise<number> {
    // TypeORM answers an UPDATE … RETURNING with [rows, affected count].
    const [leased]: [{ event_id: string }[], number] = await this.dataSource.query(
      `UPDATE event_outbox SET locked_until = now() + interval '${LEASE}'
       WHERE event_id IN (
         SELECT event_id FROM event_outbox
         WHERE locked_until IS NULL OR locked_until < now()
         ORDER BY created_at LIMIT $1 FOR UPDATE SKIP LOCKED)
       RETURNING event_id`,
      [batchSize],
    );
    if (leased.length === 0) return 0;
    const events: PendingEvent[] = await this.dataSource.query(
      `SELECT id, workspace_id, profile_id, type, name, properties FROM events WHERE id = ANY($1) ORDER BY occurred_at`,
      [leased.map((row) => row.event_id)],
    );
    for (const event of events) {
      try {
        await this.dispatch(event);
        await this.dataSource.query(`DELETE FROM event_outbox WHERE event_id = $1`, [event.id]);
      } catch (error) {
        this.logger.warn(`Event ${event.id} not dispatched yet: ${(error as Error).message}`);
        await this.dataSource.query(
          `UPDATE event_outbox SET locked_until = now() + interval '${RETRY_AFTER}' WHERE event_id = $1`,
          [event.id],
        );
      }
    }
    return leased.length;
  }

  private async dispatch(event: PendingEvent): Promise<void> {
    // `trigger.event` means a tracked event; a page or screen that happens to share its name does not.
    if (event.type !== 'track') return;
    const versions: LiveVersion[] = await this.dataSource.query(
      `SELECT v.id, v.scenario_id, v.definition
       FROM scenario_versions v
       JOIN scenarios s ON s.id = v.scenario_id AND s.current_version = v.version
       WHERE s.status = 'live' AND v.workspace_id = $1 AND v.trigger_event = $2`,
      [event.workspace_id, event.name],
    );
    for (const version of versions) {
      const trigger = triggerOf(version.definition);
      if (!matchesEventTrigger(trigger.config as unknown as EventTriggerMatcher, event)) continue;
      const workflowId = journeyWorkflowId(version.scenario_id, event.profile_id, event.id);
      const [journey]: { id: string }[] = await this.dataSource.query(
        `INSERT INTO journeys (workspace_id, scenario_id, scenario_version_id, profile_id, entry_key,
                               trigger_event_id, workflow_id)
         VALUES ($1, $2, $3, $4, $5::text, $5::uuid, $6)
         ON CONFLICT (scenario_id, profile_id, entry_key) DO UPDATE SET entry_key = EXCLUDED.entry_key
         RETURNING id`,
        [event.workspace_id, version.scenario_id, version.id, event.profile_id, event.id, workflowId],
      );
      await this.starter.start(workflowId, { journeyId: journey.id });
    }
  }
}
