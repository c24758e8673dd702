import { Injectable } from '@nestjs/common';
import { SEGMENT_ENTERED_EVENT, SEGMENT_EXITED_EVENT, SqlParameters, type SqlQuery } from '@parcours/domain';
import { type EntityManager } from 'typeorm';
import { OUTBOX_CHANNEL } from '../../events/outbox';

export interface MembershipChange {
  segmentId: string;
  profileId: string;
  segmentVersion: number;
}

export interface ChangeCounts {
  entered: number;
  exited: number;
}

/**
 * The end of every statement that changes memberships: given CTEs `entered` and `exited` (rows
 * actually inserted into / deleted from segment_memberships: segment_id, profile_id,
 * segment_version), records each change in the history and stores it as a `segment.entered` /
 * `segment.exited` track event with its outbox row, and wakes the dispatcher. No event for a
 * segment's first build (`built`: nobody entered, the members were there) nor for a profile
 * merged away or erased (`profile_gone`: there is nobody to tell). A change is its row's insert or
 * delete, so it is recorded once whoever else tries concurrently.
 */
function recordChanges(params: SqlParameters, workspaceId: string, firstBuild: boolean): string {
  const workspace = params.add(workspaceId, 'uuid');
  return `changes AS MATERIALIZED (
      SELECT c.change, c.segment_id, c.profile_id, c.segment_version, s.name AS segment_name, told.reason,
             CASE WHEN told.reason = 'rule' THEN parcours_uuid_v7() END AS event_id
      FROM (SELECT 'entered' AS change, * FROM entered UNION ALL SELECT 'exited', * FROM exited) AS c
      JOIN segments s ON s.id = c.segment_id
      CROSS JOIN LATERAL (SELECT CASE
        WHEN c.change = 'exited' AND EXISTS (SELECT 1 FROM profiles p WHERE p.id = c.profile_id
                                             AND (p.merged_into IS NOT NULL OR p.erased_at IS NOT NULL)) THEN 'profile_gone'
        WHEN ${params.add(firstBuild, 'boolean')} THEN 'built'
        ELSE 'rule' END AS reason) AS told),
    recorded AS (
      INSERT INTO segment_membership_history (workspace_id, segment_id, profile_id, segment_version, change, reason, event_id)
      SELECT ${workspace}, segment_id, profile_id, segment_version, change, reason, event_id FROM changes RETURNING 1),
    stored AS (
      INSERT INTO events (id, workspace_id, profile_id, type, name, properties, occurred_at, received_at)
      SELECT event_id, ${workspace}, profile_id, 'track',
             CASE change WHEN 'entered' THEN ${params.add(SEGMENT_ENTERED_EVENT, 'text')} ELSE ${params.add(SEGMENT_EXITED_EVENT, 'text')} END,
             jsonb_build_object('segmentId', segment_id, 'segmentName', segment_name, 'segmentVersion', segment_version),
             now(), now()
      FROM changes WHERE event_id IS NOT NULL RETURNING id),
    queued AS (INSERT INTO event_outbox (event_id, workspace_id) SELECT id, ${workspace} FROM stored RETURNING 1),
    woken AS (SELECT pg_notify(${params.add(OUTBOX_CHANNEL, 'text')}, '') FROM (SELECT 1 FROM queued LIMIT 1) AS any_queued)
    SELECT (SELECT count(*) FROM changes WHERE change = 'entered')::int AS entered,
           (SELECT count(*) FROM changes WHERE change = 'exited')::int AS exited,
           (SELECT count(*) FROM recorded)::int AS recorded,
           (SELECT count(*) FROM woken)::int AS woken`;
}

const CHANGE_COLUMNS = 'segment_id uuid, profile_id uuid, segment_version integer';

/** Membership changes and what records them: one statement each, in the caller's transaction. */
@Injectable()
export class MembershipWriter {
  /** Enters and exits decided for given profiles (a refresh); each becomes an event. */
  async apply(
    manager: EntityManager,
    workspaceId: string,
    enter: MembershipChange[],
    exit: MembershipChange[],
  ): Promise<ChangeCounts> {
    if (enter.length === 0 && exit.length === 0) return { entered: 0, exited: 0 };
    const params = new SqlParameters();
    const rows = (changes: MembershipChange[]) =>
      params.add(
        JSON.stringify(
          changes.map((c) => ({
            segment_id: c.segmentId,
            profile_id: c.profileId,
            segment_version: c.segmentVersion,
          })),
        ),
        'jsonb',
      );
    const workspace = params.add(workspaceId, 'uuid');
    const text = `WITH
      entered AS (
        INSERT INTO segment_memberships (workspace_id, segment_id, profile_id, segment_version)
        SELECT ${workspace}, w.segment_id, w.profile_id, w.segment_version
        FROM jsonb_to_recordset(${rows(enter)}) AS w(${CHANGE_COLUMNS}) ORDER BY w.segment_id, w.profile_id
        ON CONFLICT DO NOTHING RETURNING segment_id, profile_id, segment_version),
      exited AS (
        DELETE FROM segment_memberships m USING jsonb_to_recordset(${rows(exit)}) AS w(${CHANGE_COLUMNS})
        WHERE m.segment_id = w.segment_id AND m.profile_id = w.profile_id
        RETURNING m.segment_id, m.profile_id, w.segment_version),
      ${recordChanges(params, workspaceId, false)}`;
    return this.run(manager, { text, values: params.values });
  }

  /**
   * Makes a segment's members exactly its audience (`audience`: SQL selecting live profiles' `id`s,
   * compiled into `params`): those outside it leave, merged-away and erased profiles included.
   */
  async sweep(
    manager: EntityManager,
    workspaceId: string,
    segment: { id: string; version: number },
    audience: string,
    params: SqlParameters,
    firstBuild: boolean,
  ): Promise<ChangeCounts> {
    const id = params.add(segment.id, 'uuid');
    const version = params.add(segment.version, 'integer');
    const text = `WITH
      audience AS MATERIALIZED (${audience}),
      entered AS (
        INSERT INTO segment_memberships (workspace_id, segment_id, profile_id, segment_version)
        SELECT ${params.add(workspaceId, 'uuid')}, ${id}, a.id, ${version} FROM audience a
        WHERE NOT EXISTS (SELECT 1 FROM segment_memberships m WHERE m.segment_id = ${id} AND m.profile_id = a.id)
        ORDER BY a.id
        ON CONFLICT DO NOTHING RETURNING segment_id, profile_id, segment_version),
      exited AS (
        DELETE FROM segment_memberships m
        WHERE m.segment_id = ${id} AND NOT EXISTS (SELECT 1 FROM audience a WHERE a.id = m.profile_id)
        RETURNING m.segment_id, m.profile_id, ${version} AS segment_version),
      ${recordChanges(params, workspaceId, firstBuild)}`;
    return this.run(manager, { text, values: params.values });
  }

  private async run(manager: EntityManager, query: SqlQuery): Promise<ChangeCounts> {
    const [row]: ChangeCounts[] = await manager.query(query.text, query.values);
    return { entered: row.entered, exited: row.exited };
  }
}
