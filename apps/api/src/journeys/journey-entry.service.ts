import { Injectable } from '@nestjs/common';
import { type EntryRules, journeyWorkflowId } from '@parcours/domain/journey';
import { DataSource } from 'typeorm';
import { JourneyStarter } from './journey-starter.service';

export interface Entrant {
  workspaceId: string;
  scenarioId: string;
  scenarioVersionId: string;
  entry: EntryRules;
  profileId: string;
  /** Unique per reason to enter (the trigger event's id, an API idempotency key…): entering twice for one key is a no-op. */
  entryKey: string;
  triggerEventId?: string;
}

export type EntryOutcome =
  | { entered: true; journeyId: string }
  | {
      entered: false;
      reason:
        | 'already_active'
        | 'reentry_not_allowed'
        | 'not_in_audience'
        | 'daily_cap_reached'
        | 'profile_not_found';
    };

/**
 * Decides whether a customer enters a scenario, under its entry rules, and starts the journey.
 * One transaction per entrant, serialised per scenario + customer, so concurrent triggers cannot
 * both get in; the journey row (unique per scenario, customer and entry key) is the durable
 * decision, and the workflow id derives from it, so a retried dispatch starts nothing twice.
 */
@Injectable()
export class JourneyEntry {
  constructor(
    private readonly dataSource: DataSource,
    private readonly starter: JourneyStarter,
  ) {}

  async enter(entrant: Entrant): Promise<EntryOutcome> {
    const workflowId = journeyWorkflowId(entrant.scenarioId, entrant.profileId, entrant.entryKey);
    const decided = await this.dataSource.transaction(async (manager): Promise<EntryOutcome> => {
      const query = (sql: string, params: unknown[]) => manager.query(sql, params);
      await query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 11))`, [
        `${entrant.scenarioId}:${entrant.profileId}`,
      ]);
      const [existing] = await query(
        `SELECT id, status FROM journeys WHERE scenario_id = $1 AND profile_id = $2 AND entry_key = $3`,
        [entrant.scenarioId, entrant.profileId, entrant.entryKey],
      );
      // Entered for this very reason before (a retried dispatch): make sure its workflow runs.
      if (existing) return { entered: true, journeyId: existing.id };

      const [profile] = await query(
        `SELECT 1 FROM profiles WHERE id = $1 AND workspace_id = $2 AND erased_at IS NULL AND merged_into IS NULL`,
        [entrant.profileId, entrant.workspaceId],
      );
      if (!profile) return { entered: false, reason: 'profile_not_found' };

      const [previous] = await query(
        `SELECT max(entered_at) AS last_entered_at,
                bool_or(status IN ('pending', 'running')) AS active
         FROM journeys WHERE scenario_id = $1 AND profile_id = $2`,
        [entrant.scenarioId, entrant.profileId],
      );
      if (previous.active) return { entered: false, reason: 'already_active' };
      if (previous.last_entered_at && !this.mayReenter(entrant.entry, new Date(previous.last_entered_at))) {
        return { entered: false, reason: 'reentry_not_allowed' };
      }
      if (entrant.entry.audienceSegmentId) {
        const [member] = await query(
          `SELECT 1 FROM segment_memberships WHERE segment_id = $1 AND profile_id = $2`,
          [entrant.entry.audienceSegmentId, entrant.profileId],
        );
        if (!member) return { entered: false, reason: 'not_in_audience' };
      }
      if (entrant.entry.maxEntriesPerDay) {
        const [counted] = await query(
          `INSERT INTO scenario_entry_counts (scenario_id, day, entries) VALUES ($1, (now() AT TIME ZONE 'UTC')::date, 1)
           ON CONFLICT (scenario_id, day) DO UPDATE SET entries = scenario_entry_counts.entries + 1
             WHERE scenario_entry_counts.entries < $2
           RETURNING entries`,
          [entrant.scenarioId, entrant.entry.maxEntriesPerDay],
        );
        if (!counted) return { entered: false, reason: 'daily_cap_reached' };
      }
      const [journey] = await query(
        `INSERT INTO journeys (workspace_id, scenario_id, scenario_version_id, profile_id, entry_key,
                               trigger_event_id, workflow_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7)
         RETURNING id`,
        [
          entrant.workspaceId,
          entrant.scenarioId,
          entrant.scenarioVersionId,
          entrant.profileId,
          entrant.entryKey,
          entrant.triggerEventId ?? null,
          workflowId,
        ],
      );
      return { entered: true, journeyId: journey.id };
    });
    if (decided.entered) {
      await this.starter.start({
        workflowId,
        journeyId: decided.journeyId,
        scenarioId: entrant.scenarioId,
        scenarioVersionId: entrant.scenarioVersionId,
        profileId: entrant.profileId,
      });
    }
    return decided;
  }

  private mayReenter(entry: EntryRules, lastEnteredAt: Date): boolean {
    switch (entry.reentry.policy) {
      case 'never':
        return false;
      case 'always':
        return true;
      case 'after':
        return Date.now() - lastEnteredAt.getTime() >= entry.reentry.days * 86_400_000;
    }
  }
}
