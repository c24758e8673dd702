import { Injectable, NotFoundException } from '@nestjs/common';
import {
  nextScheduledRun,
  triggerOf,
  type TriggerDateConfig,
  type TriggerScheduleConfig,
} from '@parcours/domain';
import { type JourneyDefinition } from '@parcours/domain/journey';
import { DataSource } from 'typeorm';
import { JourneyEntry } from '../journey-entry.service';
import { dateTriggerCandidatesQuery } from './date-trigger-candidates.query';

/** Customers entered per batch: a schedule run's share of its rate, a date sweep's page. */
const BATCH_LIMIT = 500;
/** How long a claimed run is another API instance's to leave alone (renewed each batch). */
const LEASE_SECONDS = 60;
/**
 * A run not started this long after its time (the scenario was paused, the API down) is missed
 * rather than fired late: a broadcast planned for 09:00 arriving at 15:00 surprises everyone.
 */
const MISSED_AFTER_MS = 3_600_000;

interface CurrentVersion {
  scenario_id: string;
  workspace_id: string;
  version_id: string;
  definition: JourneyDefinition;
  published_at: Date;
}

export interface ScheduledEntryHistory {
  runs: {
    id: string;
    dueAt: Date;
    status: 'pending' | 'running' | 'done' | 'missed' | 'cancelled';
    startedAt: Date | null;
    finishedAt: Date | null;
    /** `entered`, or why not (`already_active`, `not_in_audience`…) → number of customers. */
    outcomes: Record<string, number>;
  }[];
  days: { day: string; outcomes: Record<string, number> }[];
}

interface ClaimedRun {
  id: string;
  scenario_id: string;
  cursor: string | null;
  last_batch_at: Date | null;
}

const CURRENT_VERSION_SQL = `
  SELECT s.id AS scenario_id, s.workspace_id, v.id AS version_id, v.definition, v.published_at
  FROM scenarios s JOIN scenario_versions v ON v.scenario_id = s.id AND v.version = s.current_version`;

/**
 * Entries no event triggers. `trigger.schedule`: each firing is a run (planned from the version's
 * one-off date or cron) that walks the segment's members in id order at the trigger's rate, a
 * batch per call, from a cursor, so it survives restarts and spreads over API instances.
 * `trigger.date`: a sweep enters the customers whose day it is. Each customer is tried once per
 * occurrence (a run, a day) and the outcome kept; entering itself goes through the scenario's
 * entry rules with a key per occurrence, so a batch cut short and retried starts nothing twice.
 */
@Injectable()
export class ScheduledEntries {
  constructor(
    private readonly dataSource: DataSource,
    private readonly entry: JourneyEntry,
  ) {}

  /** Cancels the runs a scenario no longer wants and plans the next run of each scheduled one. */
  async planRuns(now = new Date()): Promise<void> {
    // Stopped, archived, or published since with another trigger or (not started yet) another schedule.
    await this.dataSource.query(
      `UPDATE scheduled_runs r SET status = 'cancelled', finished_at = now(), lease_until = NULL
       FROM scenarios s LEFT JOIN scenario_versions v ON v.scenario_id = s.id AND v.version = s.current_version
       WHERE r.scenario_id = s.id AND r.status IN ('pending', 'running')
         AND (s.status NOT IN ('live', 'paused') OR v.trigger_type IS DISTINCT FROM 'trigger.schedule'
              OR (r.status = 'pending' AND r.planned_by_version_id <> v.id))`,
    );
    await this.dataSource.query(
      `UPDATE scheduled_runs SET status = 'missed', finished_at = now()
       WHERE status = 'pending' AND due_at < $1`,
      [new Date(now.getTime() - MISSED_AFTER_MS)],
    );
    const due: (CurrentVersion & { last_due: Date | null })[] = await this.dataSource.query(
      `${CURRENT_VERSION_SQL}
       CROSS JOIN LATERAL (SELECT max(due_at) AS last_due FROM scheduled_runs r
                           WHERE r.scenario_id = s.id AND r.status <> 'cancelled') AS runs
       WHERE s.status IN ('live', 'paused') AND v.trigger_type = 'trigger.schedule'
         AND NOT EXISTS (SELECT 1 FROM scheduled_runs r
                         WHERE r.scenario_id = s.id AND r.status IN ('pending', 'running'))`,
    );
    for (const scenario of due) {
      const { schedule } = triggerConfig<TriggerScheduleConfig>(scenario.definition);
      const after = Math.max(
        scenario.last_due?.getTime() ?? 0,
        scenario.published_at.getTime(),
        now.getTime() - MISSED_AFTER_MS,
      );
      const dueAt = nextScheduledRun(schedule, new Date(after));
      if (!dueAt) continue;
      // A run a replaced version had planned for that same time is planned again (if never started).
      await this.dataSource.query(
        `INSERT INTO scheduled_runs (workspace_id, scenario_id, planned_by_version_id, due_at)
         VALUES ($1, $2, $3, $4)
         ON CONFLICT (scenario_id, due_at) DO UPDATE
           SET status = 'pending', planned_by_version_id = EXCLUDED.planned_by_version_id, finished_at = NULL
           WHERE scheduled_runs.status = 'cancelled' AND scheduled_runs.started_at IS NULL`,
        [scenario.workspace_id, scenario.scenario_id, scenario.version_id, dueAt],
      );
    }
  }

  /**
   * One batch of every due run of a live scenario that no other instance holds, sized by the
   * trigger's rate and the time since the run's previous batch. Returns how many were tried.
   */
  async runDueBatches(now = new Date()): Promise<number> {
    const visited: string[] = [];
    let tried = 0;
    for (;;) {
      // TypeORM answers an UPDATE … RETURNING with [rows, affected].
      const [[run]]: [ClaimedRun[], number] = await this.dataSource.query(
        `UPDATE scheduled_runs r
         SET status = 'running', started_at = COALESCE(r.started_at, now()),
             lease_until = now() + make_interval(secs => ${LEASE_SECONDS})
         WHERE r.id = (
           SELECT due.id FROM scheduled_runs due JOIN scenarios s ON s.id = due.scenario_id
           WHERE due.status IN ('pending', 'running') AND due.due_at <= $1 AND s.status = 'live'
             AND (due.lease_until IS NULL OR due.lease_until < now()) AND due.id <> ALL($2::uuid[])
           ORDER BY due.due_at LIMIT 1 FOR UPDATE OF due SKIP LOCKED)
         RETURNING r.id, r.scenario_id, r.cursor, r.last_batch_at`,
        [now, visited],
      );
      if (!run) return tried;
      visited.push(run.id);
      tried += await this.runBatch(run, now);
    }
  }

  private async runBatch(run: ClaimedRun, now: Date): Promise<number> {
    const [scenario]: CurrentVersion[] = await this.dataSource.query(
      `${CURRENT_VERSION_SQL} WHERE s.id = $1 AND s.status = 'live' AND v.trigger_type = 'trigger.schedule'`,
      [run.scenario_id],
    );
    const release = () =>
      this.dataSource.query(`UPDATE scheduled_runs SET lease_until = NULL WHERE id = $1`, [run.id]);
    if (!scenario) {
      await release(); // paused since (planRuns cancels the others)
      return 0;
    }
    const { segmentId, ratePerMinute } = triggerConfig<TriggerScheduleConfig>(scenario.definition);
    const allowed = run.last_batch_at
      ? Math.floor((ratePerMinute * (now.getTime() - run.last_batch_at.getTime())) / 60_000)
      : Math.ceil(ratePerMinute / 60);
    const size = Math.min(BATCH_LIMIT, allowed);
    if (size < 1) {
      await release();
      return 0;
    }
    const members: { profile_id: string }[] = await this.dataSource.query(
      `SELECT profile_id FROM segment_memberships
       WHERE segment_id = $1 AND workspace_id = $2 AND ($3::uuid IS NULL OR profile_id > $3)
       ORDER BY profile_id LIMIT $4`,
      [segmentId, scenario.workspace_id, run.cursor, size],
    );
    const profileIds = members.map((m) => m.profile_id);
    await this.enterOnce(
      scenario,
      profileIds.map((profileId) => ({ profileId })),
      run.id,
      `schedule:${run.id}`,
    );
    const finished = profileIds.length < size;
    await this.dataSource.query(
      `UPDATE scheduled_runs SET cursor = COALESCE($2, cursor), last_batch_at = $3, lease_until = NULL,
              status = CASE WHEN $4 THEN 'done' ELSE status END, finished_at = CASE WHEN $4 THEN now() END
       WHERE id = $1`,
      [run.id, profileIds.at(-1) ?? null, now, finished],
    );
    return profileIds.length;
  }

  /** Enters the customers whose day it is in every live `trigger.date` scenario. Returns how many were tried. */
  async sweepDateTriggers(now = new Date(), shouldStop = () => false): Promise<number> {
    const scenarios: CurrentVersion[] = await this.dataSource.query(
      `${CURRENT_VERSION_SQL} WHERE s.status = 'live' AND v.trigger_type = 'trigger.date'`,
    );
    let tried = 0;
    for (const scenario of scenarios) {
      const trigger = triggerOf(scenario.definition);
      for (;;) {
        if (shouldStop()) return tried;
        const query = dateTriggerCandidatesQuery({
          workspaceId: scenario.workspace_id,
          scenarioId: scenario.scenario_id,
          config: trigger.config as TriggerDateConfig,
          now,
          limit: BATCH_LIMIT,
        });
        const candidates: DateCandidate[] = await this.dataSource.query(query.text, query.values);
        for (const [occurrence, entrants] of groupByOccurrence(candidates)) {
          await this.enterOnce(scenario, entrants, occurrence, `date:${trigger.id}:${occurrence}`);
        }
        tried += candidates.length;
        if (candidates.length < BATCH_LIMIT) break;
      }
    }
    return tried;
  }

  /**
   * The scenario's latest schedule runs and date occurrences (50 of each), each with how many
   * customers entered and why the others did not.
   */
  async history(workspaceId: string, scenarioId: string): Promise<ScheduledEntryHistory> {
    const [scenario] = await this.dataSource.query(
      `SELECT 1 FROM scenarios WHERE id = $1 AND workspace_id = $2`,
      [scenarioId, workspaceId],
    );
    if (!scenario) throw new NotFoundException(`Scenario ${scenarioId} not found`);
    const outcomes = `(SELECT COALESCE(jsonb_object_agg(outcome, n), '{}') FROM (
                         SELECT outcome, count(*)::int AS n FROM scheduled_entries e
                         WHERE e.scenario_id = $1 AND e.occurrence = o.occurrence GROUP BY outcome) AS counted)`;
    const runs = await this.dataSource.query(
      `SELECT r.id, r.due_at AS "dueAt", r.status, r.started_at AS "startedAt", r.finished_at AS "finishedAt",
              ${outcomes} AS outcomes
       FROM scheduled_runs r CROSS JOIN LATERAL (SELECT r.id::text AS occurrence) AS o
       WHERE r.scenario_id = $1 ORDER BY r.due_at DESC LIMIT 50`,
      [scenarioId],
    );
    const days = await this.dataSource.query(
      `SELECT o.occurrence AS day, ${outcomes} AS outcomes
       FROM (SELECT DISTINCT occurrence FROM scheduled_entries
             WHERE scenario_id = $1 AND occurrence ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$') AS o
       ORDER BY o.occurrence DESC LIMIT 50`,
      [scenarioId],
    );
    return { runs, days };
  }

  /**
   * Tries each customer not tried for this occurrence yet, and keeps the outcome. A date trigger's
   * entrant carries the event it counts from, so the journey (templates, branches) can read it.
   */
  private async enterOnce(
    scenario: CurrentVersion,
    entrants: { profileId: string; triggerEventId?: string }[],
    occurrence: string,
    entryKey: string,
  ): Promise<void> {
    if (entrants.length === 0) return;
    const profileIds = entrants.map((entrant) => entrant.profileId);
    const done: { profile_id: string }[] = await this.dataSource.query(
      `SELECT profile_id FROM scheduled_entries
       WHERE scenario_id = $1 AND occurrence = $2 AND profile_id = ANY($3::uuid[])`,
      [scenario.scenario_id, occurrence, profileIds],
    );
    const tried = new Set(done.map((row) => row.profile_id));
    for (const { profileId, triggerEventId } of entrants.filter((entrant) => !tried.has(entrant.profileId))) {
      const outcome = await this.entry.enter({
        workspaceId: scenario.workspace_id,
        scenarioId: scenario.scenario_id,
        scenarioVersionId: scenario.version_id,
        entry: scenario.definition.entry,
        profileId,
        entryKey,
        ...(triggerEventId ? { triggerEventId } : {}),
      });
      await this.dataSource.query(
        `INSERT INTO scheduled_entries (scenario_id, occurrence, profile_id, outcome, journey_id)
         VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING`,
        [
          scenario.scenario_id,
          occurrence,
          profileId,
          outcome.entered ? 'entered' : outcome.reason,
          outcome.entered ? outcome.journeyId : null,
        ],
      );
    }
  }
}

function triggerConfig<Config>(definition: JourneyDefinition): Config {
  return triggerOf(definition).config as Config;
}

interface DateCandidate {
  profile_id: string;
  occurrence: string;
  trigger_event_id: string | null;
}

function groupByOccurrence(
  rows: DateCandidate[],
): Map<string, { profileId: string; triggerEventId?: string }[]> {
  const groups = new Map<string, { profileId: string; triggerEventId?: string }[]>();
  for (const row of rows) {
    let group = groups.get(row.occurrence);
    if (!group) groups.set(row.occurrence, (group = []));
    group.push({
      profileId: row.profile_id,
      ...(row.trigger_event_id ? { triggerEventId: row.trigger_event_id } : {}),
    });
  }
  return groups;
}
