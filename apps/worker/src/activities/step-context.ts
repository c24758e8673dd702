import {
  type NodeExecutionContext,
  type NodeHttpClient,
  type ProfileSnapshot,
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
 * `attempt` is the activity's (1 on the first run of the step).
 */
export function createStepContext(
  deps: StepDependencies,
  input: ExecuteStepInput,
  attempt: number,
): NodeExecutionContext {
  const { context, step, iteration } = input;
  let profile: Promise<ProfileSnapshot | null> | undefined;
  const loadProfile = () => (profile ??= deps.profiles.load(context.profileId));
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
      await deps.profiles.applyOnce(
        { journeyId: context.journeyId, nodeId: step.id, iteration },
        context.profileId,
        change,
      );
      profile = undefined; // later reads in this step see the change
    },
    http: deps.http,
    async recordedEffect<T>(effect: () => Promise<T>): Promise<T> {
      const key = { journeyId: context.journeyId, nodeId: step.id, iteration };
      const recorded = await deps.effects.recall(key);
      if (recorded) return recorded.value as T;
      return (await deps.effects.record(key, await effect())) as T;
    },
  };
}
