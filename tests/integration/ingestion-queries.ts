import { type Client } from 'pg';

/** Reads what ingestion stored, for assertions: profiles by identity, their identities and events. */

export interface StoredProfile {
  id: string;
  external_id: string | null;
  email: string | null;
  phone: string | null;
  traits: Record<string, unknown>;
}

export interface StoredEvent {
  type: string;
  name: string;
  properties: Record<string, unknown>;
  context: Record<string, unknown> | null;
  message_id: string | null;
  occurred_at: Date;
  received_at: Date;
}

/** The live profile holding this identity, or undefined. */
export async function profileBy(db: Client, kind: string, value: string): Promise<StoredProfile | undefined> {
  const { rows } = await db.query(
    `SELECT p.id, p.external_id, p.email, p.phone, p.traits
     FROM profile_identities i JOIN profiles p ON p.id = i.profile_id
     WHERE i.kind = $1 AND i.value = $2 AND p.merged_into IS NULL`,
    [kind, value],
  );
  return rows[0];
}

/** `kind:value` of every identity of a profile, sorted. */
export async function identitiesOf(db: Client, profileId: string): Promise<string[]> {
  const { rows } = await db.query(
    `SELECT kind || ':' || value AS identity FROM profile_identities WHERE profile_id = $1 ORDER BY 1`,
    [profileId],
  );
  return rows.map((r: { identity: string }) => r.identity);
}

export async function eventsOf(db: Client, profileId: string): Promise<StoredEvent[]> {
  const { rows } = await db.query(
    `SELECT type, name, properties, context, message_id, occurred_at, received_at
     FROM events WHERE profile_id = $1 ORDER BY occurred_at, received_at, name`,
    [profileId],
  );
  return rows;
}

/**
 * Everything an ingestion request can add, counted: live and merged profiles, identities, events,
 * claimed messageIds and recorded merges (the outbox is left out: the dispatcher drains it).
 */
export async function ingestionCounts(db: Client): Promise<Record<string, number>> {
  const { rows } = await db.query(`SELECT
      (SELECT count(*)::int FROM profiles WHERE merged_into IS NULL) AS live_profiles,
      (SELECT count(*)::int FROM profiles WHERE merged_into IS NOT NULL) AS merged_profiles,
      (SELECT count(*)::int FROM profile_identities) AS identities,
      (SELECT count(*)::int FROM events) AS events,
      (SELECT count(*)::int FROM event_message_ids) AS message_ids,
      (SELECT count(*)::int FROM profile_merges) AS merges`);
  return rows[0];
}
