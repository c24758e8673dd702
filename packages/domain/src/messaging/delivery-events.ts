// What becomes of a message is stored as events on the customer's timeline, through the same
// tables ingestion writes (events + event_outbox, woken with NOTIFY), so journeys (`wait.event`,
// `condition.engagement`, exit criteria), segments and computed traits see them like any event.
// One SQL statement, shared by the API (tracking, webhooks) and the worker (sent, failed).
import { SqlParameters, type SqlQuery } from '../segments/compile-segment-rule';

/** Postgres channel notified (on commit) when events wait in the outbox. */
export const EVENT_OUTBOX_CHANNEL = 'parcours_event_outbox';

export const DELIVERY_EVENT_NAMES = [
  'message.sent',
  'message.delivered',
  'message.bounced',
  'message.opened',
  'message.clicked',
  'message.unsubscribed',
  'message.complained',
  'message.failed',
] as const;
export type DeliveryEventName = (typeof DELIVERY_EVENT_NAMES)[number];

/** Events a message causes besides its own: an unsubscribe link revokes consent (`consent.revoked`). */
export type MessageEventName = DeliveryEventName | 'consent.revoked';

/**
 * Events that happen at most once per message: a provider repeating a callback, or a customer
 * clicking "unsubscribe" twice, stores nothing new. Opens and clicks repeat (each one counts).
 */
const ONCE_PER_MESSAGE: ReadonlySet<MessageEventName> = new Set([
  'consent.revoked',
  'message.sent',
  'message.delivered',
  'message.bounced',
  'message.unsubscribed',
  'message.complained',
  'message.failed',
]);

/** The de-duplication key (`events.message_id`) of a once-per-message event, else null. */
export function deliveryEventKey(name: MessageEventName, messageId: string): string | null {
  return ONCE_PER_MESSAGE.has(name) ? `parcours:${name}:${messageId}` : null;
}

export interface DeliveryEventInput {
  /** The `message_ledger` row id (what providers and tracking links carry). */
  messageId: string;
  name: MessageEventName;
  /** Extra properties (`url` of a click, `reason` of a bounce…); the message's own always win. */
  properties?: Record<string, unknown>;
  occurredAt?: Date;
}

/**
 * One statement storing a delivery event for the customer a message went to: it reads the ledger
 * row, key-share locks the profile (so a concurrent merge or erasure waits, then moves or deletes
 * the event with the others) and skips profiles merged away or erased, claims the de-duplication
 * key of a once-per-message event, inserts the event (properties `messageId`, `journeyId`,
 * `scenarioId`, `nodeId`, `channel`) and its outbox row, and wakes the dispatcher.
 * Answers one row: `found` (the ledger row exists) and `stored` (an event was written).
 */
export function deliveryEventStatement(input: DeliveryEventInput): SqlQuery {
  const params = new SqlParameters();
  const messageId = params.add(input.messageId, 'uuid');
  const key = params.add(deliveryEventKey(input.name, input.messageId), 'text');
  const name = params.add(input.name, 'text');
  const extra = params.add(JSON.stringify(input.properties ?? {}), 'jsonb');
  const occurredAt = params.add((input.occurredAt ?? null)?.toISOString() ?? null, 'timestamptz');
  const channel = params.add(EVENT_OUTBOX_CHANNEL, 'text');
  const text = `
    WITH message AS MATERIALIZED (
      SELECT l.id, l.workspace_id, l.profile_id, l.journey_id, l.node_id, l.channel, j.scenario_id,
             gen_random_uuid() AS event_id
      FROM message_ledger l
      JOIN profiles p ON p.id = l.profile_id AND p.merged_into IS NULL AND p.erased_at IS NULL
      LEFT JOIN journeys j ON j.id = l.journey_id
      WHERE l.id = ${messageId}
      FOR KEY SHARE OF p),
    claimed AS (
      INSERT INTO event_message_ids (workspace_id, message_key, event_id)
      SELECT workspace_id, parcours_message_key(${key}), event_id FROM message WHERE ${key} IS NOT NULL
      ON CONFLICT DO NOTHING RETURNING event_id),
    stored AS (
      INSERT INTO events (id, workspace_id, profile_id, type, name, properties, message_id, occurred_at)
      SELECT event_id, workspace_id, profile_id, 'track', ${name},
             ${extra} || jsonb_build_object('messageId', id, 'journeyId', journey_id, 'scenarioId', scenario_id,
                                            'nodeId', node_id, 'channel', channel),
             ${key}, COALESCE(${occurredAt}, now())
      FROM message WHERE ${key} IS NULL OR event_id IN (SELECT event_id FROM claimed)
      RETURNING id, workspace_id),
    queued AS (
      INSERT INTO event_outbox (event_id, workspace_id) SELECT id, workspace_id FROM stored RETURNING 1)
    SELECT EXISTS (SELECT 1 FROM message_ledger WHERE id = ${messageId}) AS found,
           EXISTS (SELECT 1 FROM stored) AS stored,
           (SELECT pg_notify(${channel}, '') WHERE EXISTS (SELECT 1 FROM queued)) AS woken`;
  return { text, values: params.values };
}
