export type Channel = 'email' | 'sms' | 'push';

export interface ProfileLookup {
  id: string;
  userId: string | null;
  email: string | null;
  phone: string | null;
}

export interface Profile360 extends ProfileLookup {
  traits: Record<string, unknown>;
  computedTraits: Record<string, unknown>;
  consents: Partial<Record<Channel, { status: 'granted' | 'revoked'; source?: string; at: string }>>;
  consentHistory: {
    channel: Channel;
    status: string;
    source: string | null;
    at: string;
    recordedAt: string;
  }[];
  identities: { kind: string; value: string; since: string; mergedFrom: string | null }[];
  segments: { id: string; name: string; segmentVersion: number; enteredAt: string }[];
  journeys: {
    id: string;
    scenarioId: string;
    scenarioName: string;
    version: number;
    status: string;
    exitReason: string | null;
    currentStep: { nodeId: string; nodeType: string | null; label: string | null } | null;
    enteredAt: string;
    endedAt: string | null;
  }[];
  messages: {
    id: string;
    channel: Channel;
    nodeId: string;
    status: string;
    recipient: string | null;
    reason: string | null;
    at: string;
  }[];
  mergedFrom: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface ProfileEvent {
  id: string;
  type: string;
  name: string;
  properties: Record<string, unknown>;
  occurredAt: string;
}

export interface ProfileEventsPage {
  events: ProfileEvent[];
  nextCursor: string | null;
}

/** `GET /journeys/:id`: one customer's walk through a scenario. */
export interface JourneyPath {
  id: string;
  status: string;
  steps: { index: number; nodeId: string; nodeType: string; outcome: string | null; at: string }[];
}

/** The identifiers people search by, as the API's identity kinds. */
export const SEARCH_KINDS = ['email', 'phone', 'user_id', 'anonymous_id'] as const;
export type SearchKind = (typeof SEARCH_KINDS)[number];
