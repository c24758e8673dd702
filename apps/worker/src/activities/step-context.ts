import {
  type AnyNodeDefinition,
  type NodeExecutionContext,
  type NodeHttpClient,
  type NodeLogger,
  type ProfileSnapshot,
  stepEffectSlot,
  templateVariablesOf,
} from '@parcours/domain';
import { type JourneyContext, type JourneyStep } from '@parcours/domain/journey';
import { type MessageGateway } from '../messages/message-gateway';
import { type MessageLedger } from '../persistence/message-ledger';
import { type ProfileStore } from '../persistence/profile-store';
import { type SegmentMemberships } from '../persistence/segment-memberships';
import { type StepEffects } from '../persistence/step-effects';
import { type TemplateStore } from '../persistence/template-store';

/** What the worker gives every executed step; built once per worker. */
export interface StepDependencies {
  profiles: ProfileStore;
  ledger: MessageLedger;
  messages: MessageGateway;
  segments: SegmentMemberships;
  effects: StepEffects;
  templates: TemplateStore;
  /** Outbound HTTP with the worker's destination policy. */
  http: NodeHttpClient;
  /** Secrets of custom nodes from the worker's configuration, by name. */
  secrets: Readonly<Record<string, string>>;
}

export interface ExecuteStepInput {
  context: JourneyContext;
  step: JourneyStep;
  index: number;
  iteration: number;
  variables: Record<string, unknown>;
  /** The workflow's clock when the step started (epoch ms): deterministic, and skippable in tests. */
  now: number;
}

/**
 * The node's view of the world for one step: the profile read once, sends through the gateway.
 * `attempt` is the activity's (1 on the first run of the step); `logger` the activity's, which
 * tags its lines with the workflow and the activity.
 */
export function createStepContext(
  deps: StepDependencies,
  node: AnyNodeDefinition,
  input: ExecuteStepInput,
  { attempt, logger }: { attempt: number; logger: NodeLogger },
): NodeExecutionContext {
  const { context, step, iteration } = input;
  let profile: Promise<ProfileSnapshot | null> | undefined;
  const loadProfile = () => (profile ??= deps.profiles.load(context.profileId));
  const claim = stepEffectSlot();
  const sendingStep = {
    workspaceId: context.workspaceId,
    journeyId: context.journeyId,
    nodeId: step.id,
    iteration,
    profileId: context.profileId,
    attempt,
  };
  return {
    journey: context,
    step: { id: step.id, type: step.type, iteration, attempt },
    idempotencyKey: `${context.journeyId}:${step.id}:${iteration}`,
    now: new Date(input.now),
    variables: input.variables,
    profile: loadProfile,
    templateVariables: async () => templateVariablesOf(await loadProfile(), context, input.variables),
    send: async (message) =>
      deps.messages.send(sendingStep, await loadProfile(), message, new Date(input.now)),
    messageTemplate: (reference) => deps.templates.pinned(context.workspaceId, reference),
    isSegmentMember: (segmentId) => deps.segments.isMember(segmentId, context.profileId),
    engagement: (nodeId) => deps.ledger.engagement(context.journeyId, nodeId),
    async updateProfile(change) {
      claim('updateProfile');
      await deps.profiles.applyOnce(
        { journeyId: context.journeyId, nodeId: step.id, iteration },
        context.profileId,
        change,
      );
      profile = undefined; // later reads in this step see the change
    },
    http: deps.http,
    async recordedEffect<T>(effect: () => Promise<T>): Promise<T> {
      claim('recordedEffect');
      const key = { journeyId: context.journeyId, nodeId: step.id, iteration };
      const recorded = await deps.effects.recall(key);
      if (recorded) return recorded.value as T;
      return (await deps.effects.record(key, await effect())) as T;
    },
    logger: taggedLogger(logger, { journeyId: context.journeyId, nodeId: step.id, nodeType: step.type }),
    secret(name) {
      if (!node.secrets?.includes(name)) {
        throw new Error(`Node type ${node.type} reads secret ${name} without declaring it in \`secrets\``);
      }
      const value = deps.secrets[name];
      if (value === undefined) {
        throw new Error(`Secret ${name} is not configured on this worker (PARCOURS_SECRET_${name})`);
      }
      return value;
    },
  };
}

function taggedLogger(logger: NodeLogger, tags: Record<string, unknown>): NodeLogger {
  return {
    debug: (message, attributes) => logger.debug(message, { ...tags, ...attributes }),
    info: (message, attributes) => logger.info(message, { ...tags, ...attributes }),
    warn: (message, attributes) => logger.warn(message, { ...tags, ...attributes }),
    error: (message, attributes) => logger.error(message, { ...tags, ...attributes }),
  };
}
