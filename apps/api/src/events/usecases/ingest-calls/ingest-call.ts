import { type Identity } from '@parcours/domain';
import { type BatchItem } from '../../dtos/segment-calls.dto';
import { isStorableTime } from '../../ingestion-limits';

export type CallType = BatchItem['type'];

/** Event types that may start journeys: they get an outbox row. */
export const TRIGGERING_TYPES: readonly CallType[] = ['track', 'page', 'screen'];

/** One validated Segment call, in the terms the store works with. */
export interface IngestCall {
  type: CallType;
  /** What the profile is resolved from: userId, anonymousId, and email/phone from the traits. */
  identities: Identity[];
  /** Traits to apply to the profile: an identify's traits over `context.traits`. */
  traits?: Record<string, unknown>;
  /** A group call: recorded on the profile as `traits.groups[groupId] = traits`. */
  group?: { groupId: string; traits: Record<string, unknown> };
  /** An alias call: the profile known by this id (user id first, else anonymous id) merges into this one. */
  previousId?: string;
  event: {
    name: string;
    properties: Record<string, unknown>;
    context: Record<string, unknown> | null;
    messageId: string | null;
    occurredAt: Date;
  };
}

export interface Envelope {
  /** When this API received the request. */
  receivedAt: Date;
  /** A batch's `sentAt`, for calls without their own. */
  sentAt?: string | null;
  /** A batch's `context`, merged under each call's. */
  context?: Record<string, unknown> | null;
}

/**
 * Segment's clock-skew rule: a client's clock may be wrong, but the gap between when it says it
 * sent the call (`sentAt`) and when the call happened (`timestamp`) is right. So
 * occurred = timestamp + (receivedAt − sentAt); without sentAt, the timestamp as is; without a
 * timestamp, when it was received. A correction that would leave the years 0001–9999 is not applied.
 */
export function occurredAt(
  timestamp: string | null | undefined,
  sentAt: string | null | undefined,
  receivedAt: Date,
): Date {
  if (!timestamp) return receivedAt;
  const at = Date.parse(timestamp);
  const corrected = sentAt ? at + (receivedAt.getTime() - Date.parse(sentAt)) : at;
  // A skew of millennia is no clock error worth correcting: keep what the client said.
  return new Date(isStorableTime(corrected) ? corrected : at);
}

function identitiesOf(
  userId: string | null | undefined,
  anonymousId: string | null | undefined,
  traits?: object | null,
): Identity[] {
  const found: Identity[] = [];
  if (userId) found.push({ kind: 'user_id', value: userId });
  if (anonymousId) found.push({ kind: 'anonymous_id', value: anonymousId });
  const { email, phone } = (traits ?? {}) as { email?: unknown; phone?: unknown };
  if (typeof email === 'string') found.push({ kind: 'email', value: email });
  if (typeof phone === 'string') found.push({ kind: 'phone', value: phone });
  return found;
}

const nonEmpty = (o: Record<string, unknown> | undefined) => (o && Object.keys(o).length > 0 ? o : undefined);

/** Maps a validated call (single endpoint or batch item) to what the store does with it. */
export function toIngestCall(call: BatchItem, envelope: Envelope): IngestCall {
  const mergedContext = envelope.context || call.context ? { ...envelope.context, ...call.context } : null;
  const contextTraits = nonEmpty(call.context?.traits as Record<string, unknown> | undefined);
  const event = {
    properties: {} as Record<string, unknown>,
    context: mergedContext,
    messageId: call.messageId ?? null,
    occurredAt: occurredAt(
      call.timestamp ?? call.originalTimestamp,
      call.sentAt ?? envelope.sentAt,
      envelope.receivedAt,
    ),
  };
  switch (call.type) {
    case 'identify': {
      const traits = nonEmpty({ ...contextTraits, ...call.traits });
      return {
        type: call.type,
        identities: identitiesOf(call.userId, call.anonymousId, traits),
        traits,
        event: { ...event, name: 'identify', properties: call.traits ?? {} },
      };
    }
    case 'track':
      return {
        type: call.type,
        identities: identitiesOf(call.userId, call.anonymousId, contextTraits),
        traits: contextTraits,
        event: { ...event, name: call.event, properties: call.properties ?? {} },
      };
    case 'page':
    case 'screen': {
      const properties = call.category
        ? { category: call.category, ...call.properties }
        : (call.properties ?? {});
      return {
        type: call.type,
        identities: identitiesOf(call.userId, call.anonymousId, contextTraits),
        traits: contextTraits,
        event: { ...event, name: call.name ?? call.type, properties },
      };
    }
    case 'group': {
      const traits = call.traits ?? {};
      return {
        type: call.type,
        identities: identitiesOf(call.userId, call.anonymousId, contextTraits),
        traits: contextTraits,
        group: { groupId: call.groupId, traits },
        event: { ...event, name: 'group', properties: { groupId: call.groupId, traits } },
      };
    }
    case 'alias':
      return {
        type: call.type,
        identities: identitiesOf(call.userId, undefined, contextTraits),
        traits: contextTraits,
        previousId: call.previousId,
        event: { ...event, name: 'alias', properties: { previousId: call.previousId } },
      };
  }
}
