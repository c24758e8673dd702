// What an action or condition node's `execute` receives and returns. Plain interfaces: the
// worker implements them with its database, providers and ledger; node files stay free of I/O.
import type { JourneyContext } from '../journey/definition';
import type { ConsentChannel, ConsentRecord } from '../profiles/profile-traits';
import type { PinnedTemplate, TemplateReference } from '../templates/message-template';

/** The customer as a step sees them now (read fresh at each step, survivors of merges followed). */
export interface ProfileSnapshot {
  id: string;
  userId: string | null;
  email: string | null;
  phone: string | null;
  /** IANA timezone, when known. */
  timezone: string | null;
  traits: Record<string, unknown>;
  /** Values of computed traits (RFM, appetence, lifecycle…), keyed by trait key. */
  computed: Record<string, unknown>;
  consents: Partial<Record<ConsentChannel, ConsentRecord>>;
}

/** Transactional messages (receipts, password resets) bypass frequency caps and quiet hours. */
export type MessageCategory = 'marketing' | 'transactional';

interface OutgoingBase {
  category: MessageCategory;
}
export interface OutgoingEmail extends OutgoingBase {
  channel: 'email';
  subject: string;
  /** Generated from `html` when absent. */
  text?: string;
  html?: string;
  /** The inbox preview line, hidden at the top of the HTML body. */
  preheader?: string;
  /** Overrides of the workspace's sender identity. */
  fromName?: string;
  fromEmail?: string;
  replyTo?: string;
}
export interface OutgoingSms extends OutgoingBase {
  channel: 'sms';
  body: string;
  /** Sender (E.164 number or alphanumeric sender ID) instead of the deployment's. */
  from?: string;
}
export interface OutgoingPush extends OutgoingBase {
  channel: 'push';
  title: string;
  body: string;
  icon?: string;
  url?: string;
}
export type OutgoingMessage = OutgoingEmail | OutgoingSms | OutgoingPush;

export type SendOutcome =
  | { status: 'sent'; providerMessageId?: string }
  /** Nothing sent, for good: no consent, no address, a cap with the `skip` policy, journey ended. */
  | { status: 'skipped'; reason: string }
  /** Pressure rules hold it back: run the step again at `until` (ISO 8601). */
  | { status: 'deferred'; until: string; reason: string }
  /** The provider refused it for good (or an earlier attempt vanished mid-send). */
  | { status: 'failed'; reason: string };

export interface MessageEngagement {
  sent: boolean;
  delivered: boolean;
  opened: boolean;
  clicked: boolean;
}

export const HTTP_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

export interface HttpRequest {
  method: HttpMethod;
  url: string;
  headers?: Record<string, string>;
  body?: string;
  timeoutMs: number;
}

export interface HttpResponse {
  status: number;
  headers: Record<string, string>;
  /** The body as text, bounded by the worker (a larger one fails with `response_too_large`). */
  body: string;
}

/** Why an outbound request got no response. */
export type HttpFailureReason =
  /** Not http(s), or a private, loopback, link-local or metadata address the worker does not allow. */
  'refused_destination' | 'invalid_request' | 'timeout' | 'network' | 'response_too_large';

export class HttpRequestError extends Error {
  constructor(
    readonly reason: HttpFailureReason,
    message: string,
  ) {
    super(message);
    this.name = 'HttpRequestError';
  }

  /** The destination may answer a later attempt. */
  get retryable(): boolean {
    return this.reason === 'timeout' || this.reason === 'network';
  }
}

/** Outbound HTTP as the worker allows it (destinations checked after DNS resolution, no redirects). */
export interface NodeHttpClient {
  /** Resolves with any status (a 4xx or 5xx is a response); rejects with an `HttpRequestError`. */
  request(request: HttpRequest): Promise<HttpResponse>;
}

const PERMANENT_NODE_ERROR = Symbol.for('parcours.permanentNodeError');

/**
 * Thrown by `execute` when trying again cannot help (the remote refused the request, the data is
 * wrong): the step fails at once, without the node's retries. Any other error is retried.
 */
export class PermanentNodeError extends Error {
  /** Recognised by brand, not `instanceof`: a node package may bundle its own copy of this class. */
  readonly [PERMANENT_NODE_ERROR] = true;

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'PermanentNodeError';
  }
}

export function isPermanentNodeError(error: unknown): error is PermanentNodeError {
  return (
    error instanceof Error && (error as unknown as Record<symbol, unknown>)[PERMANENT_NODE_ERROR] === true
  );
}

/** Structured log lines, tagged by the worker with the journey, the step and the attempt. */
export interface NodeLogger {
  debug(message: string, attributes?: Record<string, unknown>): void;
  info(message: string, attributes?: Record<string, unknown>): void;
  warn(message: string, attributes?: Record<string, unknown>): void;
  error(message: string, attributes?: Record<string, unknown>): void;
}

export interface NodeExecutionContext {
  journey: JourneyContext;
  /** `attempt` is 1 on the first run of the step, 2 on its first retry, and so on. */
  step: { id: string; type: string; iteration: number; attempt: number };
  /** Unique per journey + node + iteration: the key of anything the step changes outside. */
  idempotencyKey: string;
  /** The workflow's time when the step started. */
  now: Date;
  /** Variables set by earlier steps of this journey. */
  variables: Readonly<Record<string, unknown>>;
  profile(): Promise<ProfileSnapshot | null>;
  /** `profile`, `event` (the trigger's properties) and `journey` (variables), for Liquid templates. */
  templateVariables(): Promise<Record<string, unknown>>;
  /** Consent, pressure rules, the send ledger and the provider, in that order. Never sends twice. */
  send(message: OutgoingMessage): Promise<SendOutcome>;
  /** A message template's version (the latest without one), or null when it does not exist. */
  messageTemplate(reference: TemplateReference): Promise<PinnedTemplate | null>;
  isSegmentMember(segmentId: string): Promise<boolean>;
  /** What became of the message an earlier node of this journey sent (its latest iteration). */
  engagement(nodeId: string): Promise<MessageEngagement>;
  /**
   * Merges traits into the profile (idempotent per step: a retry applies nothing twice). A step
   * has one idempotent slot: `updateProfile` once, or `recordedEffect` once, not both (throws).
   */
  updateProfile(change: ProfileChange): Promise<void>;
  http: NodeHttpClient;
  /**
   * Runs `effect` and records its JSON result for this step: a retry of the step (e.g. after a
   * crash) gets the recorded result instead of acting again. One recorded effect per step, and
   * no `updateProfile` with it (throws); an effect interrupted before it was recorded runs again,
   * so pass `idempotencyKey` along.
   */
  recordedEffect<T>(effect: () => Promise<T>): Promise<T>;
  logger: NodeLogger;
  /**
   * A secret the node declared (`secrets` in its definition), from the worker's configuration.
   * Throws when the node did not declare it, or the worker does not have it (retried: an operator
   * can add it and restart the worker).
   */
  secret(name: string): string;
}

export interface ProfileChange {
  set?: Record<string, unknown>;
  unset?: string[];
  /** Adds to numeric traits (a missing trait counts as 0). */
  increment?: Record<string, number>;
}

export type NodeExecutionResult =
  /** Follow `port`; `outcome` is recorded on the journey's path (e.g. `sent`, `skipped:no_consent`). */
  | { port: string; outcome: string; variables?: Record<string, unknown> }
  /** Come back to this step at `until` (ISO 8601): e.g. a send deferred by quiet hours. */
  | { deferUntil: string; outcome: string }
  /** End the journey here (e.g. a failed send whose failure policy is `exit`). */
  | { exit: string; outcome: string };

/**
 * The profile as conditions and templates see it: traits at the top level (`profile.country`),
 * the well-known fields winning over a trait of the same name, computed traits under `computed`.
 */
export function profileView(profile: ProfileSnapshot): Record<string, unknown> {
  return {
    ...profile.traits,
    id: profile.id,
    userId: profile.userId,
    email: profile.email,
    phone: profile.phone,
    timezone: profile.timezone,
    computed: profile.computed,
  };
}

/** What Liquid templates see: `profile`, `event` (the trigger's properties) and `journey` (variables). */
export function templateVariablesOf(
  profile: ProfileSnapshot | null,
  journey: JourneyContext,
  variables: Readonly<Record<string, unknown>>,
): Record<string, unknown> {
  return {
    profile: profile ? profileView(profile) : {},
    event: journey.triggerEvent?.properties ?? {},
    journey: variables,
    unsubscribe_url: UNSUBSCRIBE_URL_PLACEHOLDER,
  };
}

/**
 * What `{{ unsubscribe_url }}` renders to before the message exists; the email provider puts the
 * message's own signed link in its place. Only characters no escaping changes.
 */
export const UNSUBSCRIBE_URL_PLACEHOLDER = 'https://unsubscribe.parcours.invalid/pending';

/**
 * Guards a step's one idempotent slot (`updateProfile` or `recordedEffect`, once): a second claim
 * would be dropped silently by the store, so it throws instead.
 */
export function stepEffectSlot(): (use: 'updateProfile' | 'recordedEffect') => void {
  let taken: string | undefined;
  return (use) => {
    if (taken) {
      throw new Error(
        `${use} after ${taken} in the same step: a step has one idempotent effect (updateProfile or recordedEffect, once)`,
      );
    }
    taken = use;
  };
}
