// An in-memory NodeExecutionContext, to run a node's `execute` alone in a unit test (built-in or
// custom nodes): it records what the node asked for and answers from the given fixtures.
import type { JourneyContext } from '../journey/definition';
import type { PinnedTemplate } from '../templates/message-template';
import {
  templateVariablesOf,
  type HttpRequest,
  type HttpResponse,
  type MessageEngagement,
  type NodeExecutionContext,
  type NodeExecutionResult,
  type OutgoingMessage,
  type ProfileChange,
  type ProfileSnapshot,
  type SendOutcome,
  stepEffectSlot,
} from './node-execution';

export interface FakeExecutionContextOptions {
  /** `null`: the customer was erased. Missing fields get empty defaults. */
  profile?: Partial<ProfileSnapshot> | null;
  journey?: Partial<JourneyContext>;
  step?: Partial<NodeExecutionContext['step']>;
  now?: Date;
  variables?: Record<string, unknown>;
  /** Segments the customer is a member of. */
  segments?: string[];
  /** What became of earlier sends, by node id. */
  engagement?: Record<string, Partial<MessageEngagement>>;
  send?: (message: OutgoingMessage) => SendOutcome;
  /** Message templates the context knows (each answers whatever version is asked). */
  templates?: PinnedTemplate[];
  http?: (request: HttpRequest) => Promise<HttpResponse>;
  /** Results recorded by an earlier attempt of the step (a retry finds them). */
  recordedEffect?: unknown;
  /** The worker's secrets, by name (e.g. `{ LOYALTY_API_KEY: 'test-key' }`). */
  secrets?: Record<string, string>;
}

export interface FakeLogLine {
  level: 'debug' | 'info' | 'warn' | 'error';
  message: string;
  attributes?: Record<string, unknown>;
}

export interface FakeExecutionContext extends NodeExecutionContext {
  readonly sent: OutgoingMessage[];
  readonly profileChanges: ProfileChange[];
  readonly requests: HttpRequest[];
  /** What `recordedEffect` stored, if anything. */
  readonly recorded: { value?: unknown };
  readonly logs: FakeLogLine[];
}

export function createFakeExecutionContext(options: FakeExecutionContextOptions = {}): FakeExecutionContext {
  const journey: JourneyContext = {
    workspaceId: 'workspace-1',
    journeyId: 'journey-1',
    scenarioId: 'scenario-1',
    scenarioVersionId: 'version-1',
    profileId: 'profile-1',
    enteredAt: '2026-01-05T09:00:00.000Z',
    ...options.journey,
  };
  const step = { id: 'step-1', type: 'test', iteration: 0, attempt: 1, ...options.step };
  let profile: ProfileSnapshot | null =
    options.profile === null
      ? null
      : {
          id: journey.profileId,
          userId: null,
          email: null,
          phone: null,
          timezone: null,
          traits: {},
          computed: {},
          consents: {},
          ...options.profile,
        };
  const variables = options.variables ?? {};
  const sent: OutgoingMessage[] = [];
  const profileChanges: ProfileChange[] = [];
  const requests: HttpRequest[] = [];
  const recorded: { value?: unknown } = 'recordedEffect' in options ? { value: options.recordedEffect } : {};
  const logs: FakeLogLine[] = [];
  // One slot per attempt, as the worker gives each attempt a context of its own.
  let slot = { attempt: step.attempt, claim: stepEffectSlot() };
  const claim = (use: 'updateProfile' | 'recordedEffect') => {
    if (slot.attempt !== step.attempt) slot = { attempt: step.attempt, claim: stepEffectSlot() };
    slot.claim(use);
  };
  const log = (level: FakeLogLine['level']) => (message: string, attributes?: Record<string, unknown>) =>
    void logs.push({ level, message, ...(attributes ? { attributes } : {}) });

  return {
    journey,
    step,
    idempotencyKey: `${journey.journeyId}:${step.id}:${step.iteration}`,
    now: options.now ?? new Date('2026-01-05T10:00:00.000Z'),
    variables,
    sent,
    profileChanges,
    requests,
    recorded,
    logs,
    profile: async () => (profile === null ? null : structuredClone(profile)),
    templateVariables: async () => templateVariablesOf(profile, journey, variables),
    async send(message) {
      sent.push(message);
      return options.send?.(message) ?? { status: 'sent', providerMessageId: `fake-${sent.length}` };
    },
    messageTemplate: async (reference) =>
      options.templates?.find(
        (t) => t.templateId === reference.id && (reference.version ?? t.version) === t.version,
      ) ?? null,
    isSegmentMember: async (segmentId) => (options.segments ?? []).includes(segmentId),
    engagement: async (nodeId) => ({
      sent: false,
      delivered: false,
      opened: false,
      clicked: false,
      ...options.engagement?.[nodeId],
    }),
    async updateProfile(change) {
      claim('updateProfile');
      if (profileChanges.length > 0) return; // applied by an earlier attempt: once per step
      profileChanges.push(change);
      if (profile === null) return;
      const traits = { ...profile.traits, ...change.set };
      for (const name of change.unset ?? []) delete traits[name];
      for (const [name, delta] of Object.entries(change.increment ?? {})) {
        const current = traits[name];
        traits[name] = (typeof current === 'number' ? current : 0) + delta;
      }
      profile = { ...profile, traits };
    },
    http: {
      async request(request) {
        requests.push(request);
        if (!options.http) throw new Error('This fake context was given no `http` handler');
        return options.http(request);
      },
    },
    async recordedEffect<T>(effect: () => Promise<T>): Promise<T> {
      claim('recordedEffect');
      if ('value' in recorded) return recorded.value as T;
      const value = await effect();
      recorded.value = JSON.parse(JSON.stringify(value ?? null));
      return value;
    },
    logger: { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') },
    secret(name) {
      const value = options.secrets?.[name];
      if (value === undefined) throw new Error(`This fake context was given no secret ${name}`);
      return value;
    },
  };
}

/** The port a step's result follows (`undefined` for a deferral or an exit). */
export function portOf(result: NodeExecutionResult): string | undefined {
  return 'port' in result ? result.port : undefined;
}
