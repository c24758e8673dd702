import { Injectable, Logger } from '@nestjs/common';
import { matchesEventTrigger } from '@parcours/domain';
import { type JourneyDefinition } from '@parcours/domain/journey';
import { DataSource } from 'typeorm';
import { JourneyEntry } from './journey-entry.service';
import { JourneyEventRouter, type RoutedEvent } from './journey-event-router.service';

interface PendingEvent extends RoutedEvent {
  type: string;
  workspace_id: string;
}

interface LiveVersion {
  id: string;
  scenario_id: string;
  definition: JourneyDefinition;
}

/** How long a dispatcher owns outbox rows before another may take them over. */
const LEASE = '60 seconds';
/** When Temporal refuses a start or a signal, try that event again after this. */
const RETRY_AFTER = '5 seconds';

@Injectable()
export class DispatchOutboxUseCase {
  private readonly logger = new Logger(DispatchOutboxUseCase.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly router: JourneyEventRouter,
    private readonly entry: JourneyEntry,
  ) {}

  /**
   * Takes a batch of stored events, ends or signals the running journeys that listen for them and
   * starts the journeys they trigger. Each step is safe to repeat: exits are idempotent, a waiting
   * step takes one event once, and entries are keyed by scenario + profile + event, so a
   * dispatcher that dies anywhere in here only causes a harmless retry. Returns how many events
   * were taken.
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
      `SELECT id, workspace_id, profile_id, type, name, properties, occurred_at
       FROM events WHERE id = ANY($1) ORDER BY occurred_at`,
      [leased.map((row) => row.event_id)],
    );
    for (const event of events) {
      try {
        // Triggers mean tracked events; a page or screen that happens to share a name does not.
        if (event.type === 'track') {
          await this.router.route(event);
          await this.enter(event);
        }
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

  private async enter(event: PendingEvent): Promise<void> {
    const versions: LiveVersion[] = await this.dataSource.query(
      `SELECT v.id, v.scenario_id, v.definition
       FROM scenario_versions v
       JOIN scenarios s ON s.id = v.scenario_id AND s.current_version = v.version
       WHERE s.status = 'live' AND v.workspace_id = $1 AND v.trigger_event = $2`,
      [event.workspace_id, event.name],
    );
    for (const version of versions) {
      const { entryEvent } = version.definition;
      if (!entryEvent || !matchesEventTrigger(entryEvent, event)) continue;
      await this.entry.enter({
        workspaceId: event.workspace_id,
        scenarioId: version.scenario_id,
        scenarioVersionId: version.id,
        entry: version.definition.entry,
        profileId: event.profile_id,
        entryKey: event.id,
        triggerEventId: event.id,
      });
    }
  }
}
