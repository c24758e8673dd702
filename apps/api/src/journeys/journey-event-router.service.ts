import { Inject, Injectable, Logger } from '@nestjs/common';
import { type GoalConfig } from '@parcours/domain';
import { Client, WorkflowNotFoundError } from '@temporalio/client';
import {
  conversionOf,
  durationToMs,
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

/** A journey whose version exits on the event, with the goal step it waits at, if any. */
interface ExitCandidate {
  id: string;
  criteria: ExitCriterion[];
  goal_step_index: number | null;
  goal_config: GoalConfig | null;
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
    const signal: JourneyEventSignal = {
      id: event.id,
      name: event.name,
      properties: event.properties,
      occurredAt: new Date(event.occurred_at).toISOString(),
    };
    await this.exitOn(event.profile_id, signal);
    await this.deliver(event.profile_id, signal);
  }

  private async exitOn(profileId: string, event: JourneyEventSignal): Promise<void> {
    const candidates: ExitCandidate[] = await this.dataSource.query(
      `SELECT j.id, v.definition->'exitCriteria' AS criteria, g.step_index AS goal_step_index,
              v.definition->'steps'->g.node_id->'config' AS goal_config
       FROM journeys j JOIN scenario_versions v ON v.id = j.scenario_version_id
       LEFT JOIN journey_steps g ON g.journey_id = j.id AND g.node_type = 'goal'
                                AND g.outcome = 'waiting' AND g.finished_at IS NULL
       WHERE j.profile_id = $1 AND j.status IN ('pending', 'running') AND $2 = ANY(v.exit_events)`,
      [profileId, event.name],
    );
    for (const journey of candidates) {
      const criterion = journey.criteria.find((c) => matchesEventTrigger(c, event));
      if (!criterion) continue;
      const conversion = this.waitingGoalConversion(journey, event);
      // The row is the durable decision (activities re-check it); terminating makes it immediate.
      // One statement: the exit and the goal's conversion commit together, or neither does.
      const ended: { workflow_id: string }[] = await this.dataSource.query(
        `WITH ended AS (
           UPDATE journeys SET status = 'exited', exit_reason = $2, ended_at = now()
           WHERE id = $1 AND status IN ('pending', 'running') RETURNING id, workflow_id),
         converted AS (
           UPDATE journey_steps s SET outcome = 'converted', detail = $4, finished_at = now()
           FROM ended
           WHERE s.journey_id = ended.id AND s.step_index = $3 AND s.outcome = 'waiting'
             AND s.finished_at IS NULL AND now() <= s.at + $5 * interval '1 millisecond')
         SELECT workflow_id FROM ended`,
        [
          journey.id,
          criterion.reason,
          conversion?.stepIndex ?? null,
          conversion?.detail ?? null,
          conversion?.withinMs ?? 0,
        ],
      );
      await this.exits.terminate(
        ended.map((row) => ({ workflowId: row.workflow_id })),
        criterion.reason,
      );
    }
  }

  /**
   * The customer converted and the journey ends: when the exiting event is also the conversion
   * the journey waits for at a goal, the goal counts it (as the workflow would have, had it got
   * the event first), provided its window, counted from the step's start, is still open.
   */
  private waitingGoalConversion(journey: ExitCandidate, event: JourneyEventSignal) {
    const goal = journey.goal_config;
    if (journey.goal_step_index === null || !goal || !matchesEventTrigger(goal, event)) return undefined;
    return {
      stepIndex: journey.goal_step_index,
      detail: conversionOf(event, goal.revenueProperty),
      withinMs: durationToMs(goal.within),
    };
  }

  private async deliver(profileId: string, signal: JourneyEventSignal): Promise<void> {
    const listening: { workflow_id: string }[] = await this.dataSource.query(
      `SELECT j.workflow_id
       FROM journeys j JOIN scenario_versions v ON v.id = j.scenario_version_id
       WHERE j.profile_id = $1 AND j.status IN ('pending', 'running') AND $2 = ANY(v.listens_for)`,
      [profileId, signal.name],
    );
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
      this.logger.debug(`Event ${signal.id} delivered to ${listening.length} journey(s)`);
  }
}
