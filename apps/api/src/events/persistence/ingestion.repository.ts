import { Injectable } from '@nestjs/common';
import { type Identity, normalizeIdentity } from '@parcours/domain';
import { DataSource, type EntityManager } from 'typeorm';
import { type PostgresQueryRunner } from 'typeorm/driver/postgres/PostgresQueryRunner';
import { OUTBOX_CHANNEL } from '../outbox';
import { type CallType, TRIGGERING_TYPES } from '../usecases/ingest-calls/ingest-call';
import { type Owner } from '../usecases/ingest-calls/profile-directory';

export interface EventRow {
  id: string;
  profile_id: string;
  type: CallType;
  name: string;
  properties: Record<string, unknown>;
  context: Record<string, unknown> | null;
  message_id: string | null;
  occurred_at: string;
}

/**
 * The SQL of ingestion's hot path. Each statement is named, so Postgres prepares it once per
 * connection instead of planning it for every request.
 */
@Injectable()
export class IngestionRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Runs a named statement in the caller's transaction, or on its own (autocommit) without one. */
  private async run<T>(
    manager: EntityManager | null,
    name: string,
    text: string,
    values: unknown[],
  ): Promise<T[]> {
    const runner = (manager?.queryRunner ?? this.dataSource.createQueryRunner()) as PostgresQueryRunner;
    try {
      const client = await runner.connect();
      const result = await client.query({ name: `ingest-${name}`, text, values });
      return result.rows as T[];
    } finally {
      if (!manager) await runner.release();
    }
  }

  /**
   * The whole of a batch about known customers in one statement, so one commit: share-locks the
   * profiles the events are for (as `pin`), and only if all of them (or the survivors of those
   * merged meanwhile) still stand, claims the messageIds and inserts the fresh calls' events and
   * outbox rows. Returns `stale` (nothing written) when a profile is gone or erased, and the
   * profiles found merged.
   */
  async insertForKnownProfiles(
    workspaceId: string,
    claims: { messageId: string; eventId: string }[],
    rows: EventRow[],
    receivedAt: Date,
  ): Promise<{ stale: boolean; merged: { id: string; merged_into: string }[] }> {
    const profileIds = [...new Set(rows.map((r) => r.profile_id))];
    const [result] = await this.run<{ stale: boolean; merged: { id: string; merged_into: string }[] | null }>(
      null,
      'insert-for-known-profiles',
      `WITH pinned AS (
         SELECT id, merged_into, erased_at IS NOT NULL AS erased FROM profiles
         WHERE id = ANY($6::uuid[]) AND workspace_id = $1 ORDER BY id FOR KEY SHARE),
       survivors AS (
         SELECT id, merged_into, erased_at IS NOT NULL AS erased FROM profiles
         WHERE id IN (SELECT merged_into FROM pinned) ORDER BY id FOR KEY SHARE),
       verdict AS (
         SELECT (SELECT count(*) FROM pinned) < cardinality($6::uuid[])
             OR EXISTS (SELECT 1 FROM pinned WHERE erased)
             OR EXISTS (SELECT 1 FROM survivors WHERE erased OR merged_into IS NOT NULL) AS stale),
       claimed AS (
         INSERT INTO event_message_ids (workspace_id, message_id, event_id)
         SELECT $1, m, e FROM unnest($2::text[], $3::uuid[]) AS t(m, e)
         WHERE NOT (SELECT stale FROM verdict) ORDER BY m
         ON CONFLICT DO NOTHING RETURNING event_id),
       stored AS (
         INSERT INTO events (id, workspace_id, profile_id, type, name, properties, context, message_id, occurred_at, received_at)
         SELECT r.id, $1, COALESCE(pinned.merged_into, r.profile_id), r.type, r.name, r.properties, r.context,
                r.message_id, r.occurred_at, $5
         FROM jsonb_to_recordset($4::jsonb) AS r(id uuid, profile_id uuid, type text, name text, properties jsonb,
                                                  context jsonb, message_id text, occurred_at timestamptz)
         JOIN pinned ON pinned.id = r.profile_id
         WHERE NOT (SELECT stale FROM verdict)
           AND (r.message_id IS NULL OR r.id IN (SELECT event_id FROM claimed))
         RETURNING id, type),
       queued AS (
         INSERT INTO event_outbox (event_id, workspace_id)
         SELECT id, $1 FROM stored WHERE type = ANY($7) RETURNING 1),
       woken AS (SELECT pg_notify($8, '') FROM (SELECT 1 FROM queued LIMIT 1) AS any_queued)
       SELECT (SELECT stale FROM verdict) AS stale,
              (SELECT json_agg(json_build_object('id', id, 'merged_into', merged_into)) FROM pinned
               WHERE merged_into IS NOT NULL) AS merged,
              (SELECT count(*) FROM woken) AS woken`,
      [
        workspaceId,
        claims.map((c) => c.messageId),
        claims.map((c) => c.eventId),
        JSON.stringify(rows),
        receivedAt.toISOString(),
        profileIds,
        TRIGGERING_TYPES,
        OUTBOX_CHANNEL,
      ],
    );
    return { stale: result.stale, merged: result.merged ?? [] };
  }

  /**
   * Claims the messageIds (sorted, so concurrent requests take their locks in one order) and reads
   * who owns each identity, in one round trip. Returns the event ids whose messageId was fresh.
   */
  async claimAndLookUp(
    manager: EntityManager,
    workspaceId: string,
    claims: { messageId: string; eventId: string }[],
    identities: Identity[],
  ): Promise<{ claimed: Set<string>; owners: Owner[] }> {
    const normalized = identities.map(normalizeIdentity);
    const rows = await this.run<Owner & { claimed: string | null }>(
      manager,
      'claim-and-look-up',
      `WITH claimed AS (
         INSERT INTO event_message_ids (workspace_id, message_id, event_id)
         SELECT $1, m, e FROM unnest($2::text[], $3::uuid[]) AS t(m, e) ORDER BY m
         ON CONFLICT DO NOTHING RETURNING event_id)
       SELECT event_id AS claimed, NULL AS kind, NULL AS value, NULL::uuid AS id, NULL::uuid AS merged_into FROM claimed
       UNION ALL
       SELECT NULL, i.kind, i.value, p.id, p.merged_into
       FROM profile_identities i JOIN profiles p ON p.id = i.profile_id
       WHERE i.workspace_id = $1 AND p.erased_at IS NULL
         AND (i.kind, i.value) IN (SELECT * FROM unnest($4::text[], $5::text[]))`,
      [
        workspaceId,
        claims.map((c) => c.messageId),
        claims.map((c) => c.eventId),
        normalized.map((i) => i.kind),
        normalized.map((i) => i.value),
      ],
    );
    return {
      claimed: new Set(rows.filter((r) => r.claimed !== null).map((r) => r.claimed!)),
      owners: rows.filter((r) => r.claimed === null),
    };
  }

  async findOwners(manager: EntityManager, workspaceId: string, identities: Identity[]): Promise<Owner[]> {
    const normalized = identities.map(normalizeIdentity);
    return this.run<Owner>(
      manager,
      'find-owners',
      `SELECT i.kind, i.value, p.id, p.merged_into
       FROM profile_identities i JOIN profiles p ON p.id = i.profile_id
       WHERE i.workspace_id = $1 AND p.erased_at IS NULL
         AND (i.kind, i.value) IN (SELECT * FROM unnest($2::text[], $3::text[]))`,
      [workspaceId, normalized.map((i) => i.kind), normalized.map((i) => i.value)],
    );
  }

  /**
   * Share-locks profiles until commit (sorted): a merge or an erasure, which lock their profiles
   * for update, wait for this transaction (and then move or delete its events too). Returns those
   * merged meanwhile, and whether any was erased meanwhile.
   */
  async pin(
    manager: EntityManager,
    profileIds: string[],
  ): Promise<{ merged: { id: string; merged_into: string }[]; erased: boolean }> {
    if (profileIds.length === 0) return { merged: [], erased: false };
    const rows = await this.run<{ id: string; merged_into: string | null; erased: boolean }>(
      manager,
      'pin',
      `SELECT id, merged_into, erased_at IS NOT NULL AS erased FROM profiles
       WHERE id = ANY($1::uuid[]) ORDER BY id FOR KEY SHARE`,
      [profileIds],
    );
    return {
      merged: rows.filter((r): r is typeof r & { merged_into: string } => r.merged_into !== null),
      erased: rows.some((r) => r.erased) || rows.length < new Set(profileIds).size,
    };
  }

  /** Inserts the events and the outbox rows of those that may start journeys, and wakes the dispatcher on commit. */
  async insertEvents(
    manager: EntityManager,
    workspaceId: string,
    rows: EventRow[],
    receivedAt: Date,
  ): Promise<void> {
    await this.run(
      manager,
      'insert-events',
      `WITH stored AS (
         INSERT INTO events (id, workspace_id, profile_id, type, name, properties, context, message_id, occurred_at, received_at)
         SELECT r.id, $1, r.profile_id, r.type, r.name, r.properties, r.context, r.message_id, r.occurred_at, $3
         FROM jsonb_to_recordset($2::jsonb) AS r(id uuid, profile_id uuid, type text, name text, properties jsonb,
                                                  context jsonb, message_id text, occurred_at timestamptz)
         RETURNING id, type),
       queued AS (
         INSERT INTO event_outbox (event_id, workspace_id)
         SELECT id, $1 FROM stored WHERE type = ANY($4) RETURNING 1)
       SELECT pg_notify($5, '') FROM (SELECT 1 FROM queued LIMIT 1) AS woken`,
      [workspaceId, JSON.stringify(rows), receivedAt.toISOString(), TRIGGERING_TYPES, OUTBOX_CHANNEL],
    );
  }
}
