import { Inject, Injectable, Logger } from '@nestjs/common';
import { Client, WorkflowNotFoundError } from '@temporalio/client';
import {
  type ExitCriterion,
  JOURNEY_EVENT_SIGNAL,
  type JourneyEventSignal,
  matchesEventTrigger,
} from '@parcours/domain/journey';
import { DataSource } from 'typeorm';
import { JourneyExits } from './journey-exits.service';

export interface RoutedEvent {
  id: string;
  profile_id: string;
  name: string;
  properties: Record<string, unknown>;
  occurred_at: Date | string;
}

/**
 * Routes a stored event to the running journeys of its profile that care about it, found through
 * the index of active journeys per profile (never a visibility scan): those whose version exits on
 * it end now, mid-wait included; those whose steps wait for it get it by signal.
 */
@Injectable()
export class JourneyEventRouter {
  private readonly logger = new Logger(JourneyEventRouter.name);

  constructor(
    private readonly dataSource: DataSource,
    @Inject(Client) private readonly temporal: Client,
    private readonly exits: JourneyExits,
  ) {}

  async route(event: RoutedEvent): Promise<void> {
    await this.exitOn(event);
    await this.deliver(event);
  }

  private async exitOn(event: RoutedEvent): Promise<void> {
    const candidates: { id: string; criteria: ExitCriterion[] }[] = await this.dataSource.query(
      `SELECT j.id, v.definition->'exitCriteria' AS criteria
       FROM journeys j JOIN scenario_versions v ON v.id = j.scenario_version_id
       WHERE j.profile_id = $1 AND j.status IN ('pending', 'running') AND $2 = ANY(v.exit_events)`,
      [event.profile_id, event.name],
    );
    for (const journey of candidates) {
      const criterion = journey.criteria.find((c) => matchesEventTrigger(c, event));
      if (!criterion) continue;
      // The row is the durable decision (activities re-check it); terminating makes it immediate.
      const [ended]: [{ workflow_id: string }[], number] = await this.dataSource.query(
        `UPDATE journeys SET status = 'exited', exit_reason = $2, ended_at = now()
         WHERE id = $1 AND status IN ('pending', 'running') RETURNING workflow_id`,
        [journey.id, criterion.reason],
      );
      await this.exits.terminate(
        ended.map((row) => ({ workflowId: row.workflow_id })),
        criterion.reason,
      );
    }
  }

  private async deliver(event: RoutedEvent): Promise<void> {
    const listening: { workflow_id: string }[] = await this.dataSource.query(
      `SELECT j.workflow_id
       FROM journeys j JOIN scenario_versions v ON v.id = j.scenario_version_id
       WHERE j.profile_id = $1 AND j.status IN ('pending', 'running') AND $2 = ANY(v.listens_for)`,
      [event.profile_id, event.name],
    );
    const signal: JourneyEventSignal = {
      id: event.id,
      name: event.name,
      properties: event.properties,
      occurredAt: new Date(event.occurred_at).toISOString(),
    };
    for (const { workflow_id } of listening) {
      try {
        await this.temporal.workflow.getHandle(workflow_id).signal(JOURNEY_EVENT_SIGNAL, signal);
      } catch (error) {
        // Finished between the query and the signal: nothing waits any more.
        if (error instanceof WorkflowNotFoundError) continue;
        throw error;
      }
    }
    if (listening.length > 0)
      this.logger.debug(`Event ${event.id} delivered to ${listening.length} journey(s)`);
  }
}
