import { createECDH, randomBytes, randomUUID } from 'node:crypto';
import { type Client } from 'pg';
import { type ApiHarness } from '../support/api-harness';
import { welcomeJourney } from './journey-scenario';

/** Shared by the profile e2e and integration tests: known data, seeded the way the product stores it. */

type Admin = ApiHarness['admin'];

export interface Published {
  scenarioId: string;
  versionId: string;
}

/** Creates and publishes the welcome journey on `event` through the API. */
export async function publishWelcome(
  admin: Admin,
  { name = 'Welcome', event = 'account.created', waitSeconds = 2 } = {},
): Promise<Published> {
  const created = await admin<{ id: string }>('POST', '/scenarios', {
    name,
    graph: welcomeJourney({ event, waitSeconds }),
  });
  if (created.status !== 201) throw new Error(`scenario not created: ${JSON.stringify(created.body)}`);
  const published = await admin<{ id: string }>('POST', `/scenarios/${created.body.id}/publish`);
  if (published.status !== 201) throw new Error(`not published: ${JSON.stringify(published.body)}`);
  return { scenarioId: created.body.id, versionId: published.body.id };
}

/** A known customer with an email address and granted email consent, through `PUT /profiles`. */
export async function putCustomer(
  admin: Admin,
  userId: string,
  { email = `${userId}@example.test`, traits = {} as Record<string, unknown>, consent = true } = {},
): Promise<string> {
  const res = await admin<{ id: string }>('PUT', `/profiles/${encodeURIComponent(userId)}`, {
    email,
    traits,
    consents: consent ? { email: { status: 'granted', source: 'test' } } : {},
  });
  if (res.status !== 200) throw new Error(`profile ${userId} not stored: ${JSON.stringify(res.body)}`);
  return res.body.id;
}

export interface SeededEvent {
  name: string;
  occurredAt?: string;
  type?: string;
  properties?: Record<string, unknown>;
  context?: Record<string, unknown> | null;
  messageId?: string;
}

/** Inserts events (with their messageId rows) as ingestion stores them; returns their ids in order. */
export async function seedEvents(
  db: Client,
  workspaceId: string,
  profileId: string,
  events: SeededEvent[],
): Promise<string[]> {
  const ids: string[] = [];
  for (const e of events) {
    const id = randomUUID();
    await db.query(
      `INSERT INTO events (id, workspace_id, profile_id, type, name, properties, context, message_id, occurred_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, COALESCE($9::timestamptz, now()))`,
      [
        id,
        workspaceId,
        profileId,
        e.type ?? 'track',
        e.name,
        e.properties ?? {},
        e.context ?? null,
        e.messageId ?? null,
        e.occurredAt ?? null,
      ],
    );
    if (e.messageId) {
      await db.query(
        `INSERT INTO event_message_ids (workspace_id, message_key, event_id)
         VALUES ($1, parcours_message_key($2), $3)`,
        [workspaceId, e.messageId, id],
      );
    }
    ids.push(id);
  }
  return ids;
}

export interface SeededJourney {
  status: 'pending' | 'running' | 'completed' | 'failed' | 'exited';
  exitReason?: string;
  currentNodeId?: string;
  enteredAt?: string;
  endedAt?: string;
  steps?: [nodeId: string, nodeType: string, outcome: string][];
  message?: { nodeId: string; status: string; recipient?: string; reason?: string; profileId?: string };
}

/** A journey as the worker leaves it (steps, ledger row), without running one. */
export async function seedJourney(
  db: Client,
  workspaceId: string,
  profileId: string,
  { scenarioId, versionId }: Published,
  j: SeededJourney,
): Promise<string> {
  const entryKey = randomUUID();
  const [{ id }] = (
    await db.query(
      `INSERT INTO journeys (workspace_id, scenario_id, scenario_version_id, profile_id, entry_key, workflow_id,
                             status, exit_reason, current_node_id, entered_at, ended_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, COALESCE($10::timestamptz, now()), $11)
       RETURNING id`,
      [
        workspaceId,
        scenarioId,
        versionId,
        profileId,
        entryKey,
        `journey/${scenarioId}/${profileId}/${entryKey}`,
        j.status,
        j.exitReason ?? null,
        j.currentNodeId ?? null,
        j.enteredAt ?? null,
        j.endedAt ?? null,
      ],
    )
  ).rows;
  for (const [index, [nodeId, nodeType, outcome]] of (j.steps ?? []).entries()) {
    await db.query(
      `INSERT INTO journey_steps (workspace_id, journey_id, step_index, node_id, node_type, outcome)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [workspaceId, id, index, nodeId, nodeType, outcome],
    );
  }
  if (j.message) {
    await db.query(
      `INSERT INTO message_ledger (workspace_id, journey_id, node_id, profile_id, channel, status, recipient, reason,
                                   provider_message_id)
       VALUES ($1, $2, $3, $4, 'email', $5, $6, $7, $8)`,
      [
        workspaceId,
        id,
        j.message.nodeId,
        j.message.profileId ?? profileId,
        j.message.status,
        j.message.recipient ?? null,
        j.message.reason ?? null,
        j.message.status === 'sent' ? `<${randomUUID()}@smtp.test>` : null,
      ],
    );
  }
  return id;
}

export async function profileIdOf(db: Client, workspaceId: string, kind: string, value: string) {
  const { rows } = await db.query(
    `SELECT profile_id FROM profile_identities WHERE workspace_id = $1 AND kind = $2 AND value = $3`,
    [workspaceId, kind, value],
  );
  return rows[0]?.profile_id as string | undefined;
}

/** Rows of each table that mention `needle` anywhere (any column, JSON included). */
export async function rowsMentioning(db: Client, needle: string): Promise<Record<string, number>> {
  const { rows: tables } = await db.query(
    `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT c.relispartition`,
  );
  const found: Record<string, number> = {};
  for (const { name } of tables) {
    const { rows } = await db.query(
      `SELECT count(*)::int AS n FROM "${name}" t WHERE t::text ILIKE '%' || $1 || '%'`,
      [needle],
    );
    if (rows[0].n > 0) found[name] = rows[0].n;
  }
  return found;
}

/** A browser's `PushSubscription.toJSON()`: a fresh P-256 public key and 16-byte auth secret. */
export function browserPushSubscription(endpoint = `https://push.example.test/send/${randomUUID()}`) {
  const browserKey = createECDH('prime256v1');
  browserKey.generateKeys();
  return {
    endpoint,
    expirationTime: null as number | null,
    keys: {
      p256dh: browserKey.getPublicKey().toString('base64url'),
      auth: randomBytes(16).toString('base64url'),
    },
  };
}
