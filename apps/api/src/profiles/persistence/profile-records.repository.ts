import { Injectable } from '@nestjs/common';
import { type Queryable } from '../refs/profile-refs.service';

/** Where the timeline stands: the exact (microsecond) occurred_at and id of the last event seen. */
export interface EventPosition {
  occurredAt: string;
  id: string;
}

export interface ProfileRecord {
  id: string;
  userId: string | null;
  email: string | null;
  phone: string | null;
  traits: Record<string, unknown>;
  consents: Record<string, { status: string; source?: string; at: string }>;
  computedTraits: Record<string, unknown>;
  createdAt: Date;
  updatedAt: Date;
}

export interface IdentityRecord {
  kind: string;
  value: string;
  since: Date;
  mergedFrom: string | null;
}

export interface ConsentHistoryRecord {
  channel: string;
  status: string;
  source: string | null;
  at: Date;
  recordedAt: Date;
}

export interface JourneyRecord {
  id: string;
  scenarioId: string;
  scenarioName: string;
  version: number;
  status: string;
  exitReason: string | null;
  currentStep: { nodeId: string; nodeType: string | null; label: string | null } | null;
  enteredAt: Date;
  endedAt: Date | null;
}

export interface SegmentMembershipRecord {
  id: string;
  name: string;
  segmentVersion: number;
  enteredAt: Date;
}

export interface JourneyStepRecord {
  journeyId: string;
  index: number;
  nodeId: string;
  nodeType: string;
  outcome: string | null;
  at: Date;
}

export interface MessageRecord {
  id: string;
  journeyId: string;
  scenarioId: string | null;
  channel: string;
  nodeId: string;
  status: string;
  recipient: string | null;
  reason: string | null;
  providerMessageId: string | null;
  attempts: number;
  at: Date;
  updatedAt: Date;
}

export interface PushSubscriptionRecord {
  endpoint: string;
  keys: { p256dh: string; auth: string };
  expiresAt: Date | null;
  userAgent: string | null;
  createdAt: Date;
  lastSeenAt: Date;
}

export interface MergeRecord {
  mergedId: string;
  reason: string;
  at: Date;
  moved: Record<string, number>;
}

export interface EventRecord {
  id: string;
  type: string;
  name: string;
  properties: Record<string, unknown>;
  context: Record<string, unknown> | null;
  messageId: string | null;
  occurredAt: Date;
  receivedAt: Date;
  position: EventPosition;
}

/** Everything stored about one profile, read by profile id (indexed) inside the caller's transaction. */
@Injectable()
export class ProfileRecords {
  async profile(db: Queryable, profileId: string): Promise<ProfileRecord> {
    const [row] = await db.query(
      `SELECT id, external_id AS "userId", email, phone, traits, consents, computed_traits AS "computedTraits",
              created_at AS "createdAt", updated_at AS "updatedAt"
       FROM profiles WHERE id = $1`,
      [profileId],
    );
    return row;
  }

  /**
   * The profile and the merged-away profiles pointing at it. Merges move rows to the survivor, but
   * a journey started before a merge keeps writing its ledger rows under the id it started with.
   */
  async scope(db: Queryable, profileId: string): Promise<string[]> {
    const rows: { id: string }[] = await db.query(`SELECT id FROM profiles WHERE merged_into = $1`, [
      profileId,
    ]);
    return [profileId, ...rows.map((r) => r.id)];
  }

  async identities(db: Queryable, profileIds: string[]): Promise<IdentityRecord[]> {
    return db.query(
      `SELECT kind, value, created_at AS since, merged_from AS "mergedFrom"
       FROM profile_identities WHERE profile_id = ANY($1) ORDER BY created_at, kind, value`,
      [profileIds],
    );
  }

  async consentHistory(db: Queryable, profileIds: string[], limit?: number): Promise<ConsentHistoryRecord[]> {
    return db.query(
      `SELECT channel, status, source, at, recorded_at AS "recordedAt"
       FROM consent_history WHERE profile_id = ANY($1) ORDER BY at DESC, id DESC LIMIT $2`,
      [profileIds, limit ?? null],
    );
  }

  /** The segments the profile is a member of now, by name (archived segments keep no members). */
  async segments(db: Queryable, profileId: string): Promise<SegmentMembershipRecord[]> {
    return db.query(
      `SELECT s.id, s.name, m.segment_version AS "segmentVersion", m.entered_at AS "enteredAt"
       FROM segment_memberships m JOIN segments s ON s.id = m.segment_id
       WHERE m.profile_id = $1 ORDER BY s.name, s.id`,
      [profileId],
    );
  }

  /** Active journeys first, then ended ones, newest first; `pastLimit` bounds the ended ones. */
  async journeys(db: Queryable, profileIds: string[], pastLimit?: number): Promise<JourneyRecord[]> {
    const select = `
      SELECT j.id, j.scenario_id AS "scenarioId", s.name AS "scenarioName", v.version, j.status,
             j.exit_reason AS "exitReason", j.entered_at AS "enteredAt", j.ended_at AS "endedAt",
             CASE WHEN j.current_node_id IS NULL THEN NULL ELSE json_build_object(
               'nodeId', j.current_node_id,
               'nodeType', v.definition -> 'steps' -> j.current_node_id ->> 'type',
               'label', (SELECT n ->> 'label' FROM jsonb_array_elements(v.graph -> 'nodes') n
                         WHERE n ->> 'id' = j.current_node_id LIMIT 1)) END AS "currentStep",
             j.status IN ('pending', 'running') AS active
      FROM journeys j
      JOIN scenarios s ON s.id = j.scenario_id
      JOIN scenario_versions v ON v.id = j.scenario_version_id
      WHERE j.profile_id = ANY($1)`;
    const rows: (JourneyRecord & { active?: boolean })[] = await db.query(
      `(${select} AND j.status IN ('pending', 'running'))
       UNION ALL
       (${select} AND j.status NOT IN ('pending', 'running') ORDER BY j.entered_at DESC, j.id LIMIT $2)
       ORDER BY active DESC, "enteredAt" DESC, id`,
      [profileIds, pastLimit ?? null],
    );
    return rows.map(({ active: _active, ...journey }) => journey);
  }

  async journeySteps(db: Queryable, journeyIds: string[]): Promise<JourneyStepRecord[]> {
    return db.query(
      `SELECT journey_id AS "journeyId", step_index AS index, node_id AS "nodeId", node_type AS "nodeType",
              outcome, at
       FROM journey_steps WHERE journey_id = ANY($1) ORDER BY journey_id, step_index`,
      [journeyIds],
    );
  }

  async messages(db: Queryable, profileIds: string[], limit?: number): Promise<MessageRecord[]> {
    return db.query(
      `SELECT l.id, l.journey_id AS "journeyId", j.scenario_id AS "scenarioId", l.channel, l.node_id AS "nodeId",
              l.status, l.recipient, l.reason, l.provider_message_id AS "providerMessageId", l.attempts,
              l.created_at AS at, l.updated_at AS "updatedAt"
       FROM message_ledger l LEFT JOIN journeys j ON j.id = l.journey_id
       WHERE l.profile_id = ANY($1) ORDER BY l.created_at DESC, l.id LIMIT $2`,
      [profileIds, limit ?? null],
    );
  }

  /** Most recently seen first. */
  async pushSubscriptions(db: Queryable, profileIds: string[]): Promise<PushSubscriptionRecord[]> {
    return db.query(
      `SELECT endpoint, json_build_object('p256dh', p256dh, 'auth', auth) AS keys, expires_at AS "expiresAt",
              user_agent AS "userAgent", created_at AS "createdAt", last_seen_at AS "lastSeenAt"
       FROM push_subscriptions WHERE profile_id = ANY($1) ORDER BY last_seen_at DESC, id`,
      [profileIds],
    );
  }

  async merges(db: Queryable, profileId: string, limit?: number): Promise<MergeRecord[]> {
    return db.query(
      `SELECT merged_id AS "mergedId", reason, merged_at AS at, moved
       FROM profile_merges WHERE survivor_id = $1 ORDER BY merged_at DESC, id LIMIT $2`,
      [profileId, limit ?? null],
    );
  }

  /** One page of the profile's events, newest first, strictly before `before` (keyset on occurred_at, id). */
  async events(
    db: Queryable,
    profileId: string,
    limit: number,
    before?: EventPosition,
  ): Promise<EventRecord[]> {
    const rows: (Omit<EventRecord, 'position'> & { exactOccurredAt: string })[] = await db.query(
      `SELECT id, type, name, properties, context, message_id AS "messageId", occurred_at AS "occurredAt",
              received_at AS "receivedAt",
              to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS "exactOccurredAt"
       FROM events
       WHERE profile_id = $1
         ${before ? `AND occurred_at <= $3::timestamptz AND (occurred_at, id) < ($3::timestamptz, $4::uuid)` : ''}
       ORDER BY occurred_at DESC, id DESC
       LIMIT $2`,
      before ? [profileId, limit, before.occurredAt, before.id] : [profileId, limit],
    );
    return rows.map(({ exactOccurredAt, ...event }) => ({
      ...event,
      position: { occurredAt: exactOccurredAt, id: event.id },
    }));
  }
}
