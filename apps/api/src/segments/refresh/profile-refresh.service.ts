import { Injectable } from '@nestjs/common';
import { profileSegmentsQuery } from '@parcours/domain';
import { DataSource, type EntityManager } from 'typeorm';
import { ProfileTraitsCalculator } from '../../computed-traits/computation/profile-traits.calculator';
import { type ChangeCounts, type MembershipChange, MembershipWriter } from '../persistence/membership.writer';
import { LOCK_FOR_REFRESH_SQL } from '../persistence/segment-locks';
import { refreshConfiguration } from './refresh-configuration';
import { evaluableSegments, ruleLookup } from './segment-lookup';

/** Deadlock, serialisation failure: the transaction did nothing and is safe to run again. */
const RETRYABLE = new Set(['40P01', '40001']);
const ATTEMPTS = 3;

/**
 * The incremental update, for a few profiles whose data just changed, in one transaction of at
 * most five statements: locks; the workspace's segments and computed traits; the profiles' traits
 * computed again from their events (written if changed); every built segment evaluated for them in
 * one statement (per-profile SQL, through the events' profile index) with their current
 * memberships; the differences applied with their events.
 */
@Injectable()
export class ProfileRefreshService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly memberships: MembershipWriter,
    private readonly traits: ProfileTraitsCalculator,
  ) {}

  async refresh(workspaceId: string, profileIds: string[], now = new Date()): Promise<ChangeCounts> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.dataSource.transaction((db) => this.refreshOnce(db, workspaceId, profileIds, now));
      } catch (error) {
        const code = (error as { code?: string }).code;
        if (attempt >= ATTEMPTS || !code || !RETRYABLE.has(code)) throw error;
      }
    }
  }

  private async refreshOnce(
    db: EntityManager,
    workspaceId: string,
    profileIds: string[],
    now: Date,
  ): Promise<ChangeCounts> {
    await db.query(LOCK_FOR_REFRESH_SQL, [profileIds, workspaceId]);
    const { segments, definitions } = await refreshConfiguration(db, workspaceId);
    await this.traits.compute(db, workspaceId, profileIds, definitions, now);
    // A segment not built yet gets its members from its first build, which records no entries.
    const built = evaluableSegments(segments).filter((s) => s.builtVersion !== null);
    if (built.length === 0) return { entered: 0, exited: 0 };

    const evaluation = profileSegmentsQuery(
      workspaceId,
      profileIds,
      built.map((s) => s.rule),
      { now, segmentRule: ruleLookup(segments) },
    );
    const rows: Record<string, unknown>[] = await db.query(
      `SELECT evaluated.*, ARRAY(SELECT m.segment_id FROM segment_memberships m WHERE m.profile_id = evaluated.id) AS "memberOf"
       FROM (${evaluation.text}) AS evaluated`,
      evaluation.values,
    );
    const enter: MembershipChange[] = [];
    const exit: MembershipChange[] = [];
    // Only live profiles come back; merged-away and erased ones are left to the sweep.
    for (const row of rows) {
      const profileId = row.id as string;
      const memberOf = new Set(row.memberOf as string[]);
      built.forEach((segment, i) => {
        const change = { segmentId: segment.id, profileId, segmentVersion: segment.version };
        if (row[String(i)] === true && !memberOf.has(segment.id)) enter.push(change);
        if (row[String(i)] !== true && memberOf.has(segment.id)) exit.push(change);
      });
    }
    return this.memberships.apply(db, workspaceId, enter, exit);
  }
}
