import { Injectable } from '@nestjs/common';
import { type Identity, normalizeIdentity } from '@parcours/domain';
import { DataSource, type EntityManager } from 'typeorm';
import { type PostgresQueryRunner } from 'typeorm/driver/postgres/PostgresQueryRunner';
import { OUTBOX_CHANNEL } from '../outbox';
import { type CallType, TRIGGERING_TYPES } from '../usecases/ingest-calls/ingest-call';
import { type Owner } from '../usecases/ingest-calls/profile-directory';

const UNIQUE_VIOLATION = '23505';

/**
 * Distinct profile ids in the order their row locks are taken: the order Postgres sorts uuids in
 * (canonical lower-case text sorts the same way). Each is then locked through its primary key,
 * one probe per id: `id = ANY(…)` may be planned as a scan of the whole table, which on a small
 * one compares every row with every id.
 */
function inLockOrder(profileIds: string[]): string[] {
  return [...new Set(profileIds)].sort();
}

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
   * The whole of a batch about known customers in one statement, so one commit. It key-share
   * locks the profiles the events are for and checks each still stands (this workspace's, neither
   * merged nor erased; the lock makes a concurrent merge or erasure wait, then move or delete these
   * events too); only then it inserts the events, claims their messageIds and queues the outbox rows.
   *
   * Optimistic about de-duplication: the claims are plain inserts, so a messageId already claimed
   * (a client retry) fails the statement, which then wrote nothing, and is reported `duplicate`; as
   * is `stale` a profile that no longer stands. Either way the caller takes the general path.
   */
  async insertForKnownProfiles(
    workspaceId: string,
    rows: EventRow[],
    receivedAt: Date,
  ): Promise<'stored' | 'stale' | 'duplicate'> {
    try {
      const [{ stale }] = await this.run<{ stale: boolean }>(
        null,
        'insert-for-known-profiles',
        `WITH pinned AS (
           SELECT p.live FROM unnest($3::uuid[]) AS wanted(id),
           LATERAL (SELECT workspace_id = $1 AND merged_into IS NULL AND erased_at IS NULL AS live
                    FROM profiles WHERE id = wanted.id FOR KEY SHARE) AS p),
         verdict AS (SELECT count(*) FILTER (WHERE live) < cardinality($3::uuid[]) AS stale FROM pinned),
         stored AS (
           INSERT INTO events (id, workspace_id, profile_id, type, name, properties, context, message_id, occurred_at, received_at)
           SELECT r.id, $1, r.profile_id, r.type, r.name, r.properties, r.context, r.message_id, r.occurred_at, $4
           FROM jsonb_to_recordset($2::jsonb) AS r(id uuid, profile_id uuid, type text, name text, properties jsonb,
                                                    context jsonb, message_id text, occurred_at timestamptz)
           WHERE NOT (SELECT stale FROM verdict)
           RETURNING id, type, message_id),
         claimed AS (
           INSERT INTO event_message_ids (workspace_id, message_key, event_id)
           SELECT $1, parcours_message_key(message_id), id FROM stored WHERE message_id IS NOT NULL ORDER BY 2),
         queued AS (
           INSERT INTO event_outbox (event_id, workspace_id)
           SELECT id, $1 FROM stored WHERE type = ANY($5) RETURNING 1)
         SELECT stale, (SELECT pg_notify($6, '') WHERE EXISTS (SELECT 1 FROM queued)) AS woken FROM verdict`,
        [
          workspaceId,
          JSON.stringify(rows),
          inLockOrder(rows.map((r) => r.profile_id)),
          receivedAt.toISOString(),
          TRIGGERING_TYPES,
          OUTBOX_CHANNEL,
        ],
      );
      return stale ? 'stale' : 'stored';
    } catch (error) {
      const { code, constraint } = error as { code?: string; constraint?: string };
      if (code === UNIQUE_VIOLATION && constraint === 'event_message_ids_pkey') return 'duplicate';
      throw error;
    }
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
         INSERT INTO event_message_ids (workspace_id, message_key, event_id)
         SELECT $1, parcours_message_key(m), e FROM unnest($2::text[], $3::uuid[]) AS t(m, e) ORDER BY 2
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
   * Key-share locks profiles until commit (in one order): a merge or an erasure, which lock their
   * profiles for update, wait for this transaction (and then move or delete its events too).
   * Returns those merged meanwhile, and whether any was erased meanwhile.
   */
  async pin(
    manager: EntityManager,
    profileIds: string[],
  ): Promise<{ merged: { id: string; merged_into: string }[]; erased: boolean }> {
    if (profileIds.length === 0) return { merged: [], erased: false };
    const rows = await this.run<{ id: string; merged_into: string | null; erased: boolean }>(
      manager,
      'pin',
      `SELECT p.* FROM unnest($1::uuid[]) AS wanted(id),
       LATERAL (SELECT id, merged_into, erased_at IS NOT NULL AS erased FROM profiles
                WHERE id = wanted.id FOR KEY SHARE) AS p`,
      [inLockOrder(profileIds)],
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
