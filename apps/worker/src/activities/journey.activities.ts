import {
  goalConfigSchema,
  isPermanentNodeError,
  type NodeExecutionResult,
  type NodeRegistry,
  waitUntilConfigSchema,
  waitUntilResumeAt,
} from '@parcours/domain';
import { type Conversion, type JourneyContext, type JourneyStep } from '@parcours/domain/journey';
import { ApplicationFailure, Context } from '@temporalio/activity';
import { type EventHistory } from '../persistence/event-history';
import { type JourneyStore, type LoadedJourney, type StepRecord } from '../persistence/journey-store';
import { createStepContext, type ExecuteStepInput, type StepDependencies } from './step-context';

export interface JourneyActivityDependencies extends StepDependencies {
  journeys: JourneyStore;
  registry: NodeRegistry;
  events: EventHistory;
}

interface StepAt {
  context: JourneyContext;
  step: { id: string; type: string };
  index: number;
  iteration: number;
}

/** A step the workflow asks about at its time `now` (epoch ms; skipped time in tests). */
interface TimedStep {
  context: JourneyContext;
  step: JourneyStep;
  now: number;
}

/** A step's result, or `ended` (with the reason) when the journey was ended from outside meanwhile. */
export type StepResult = NodeExecutionResult | { ended: string };

const record = ({ context, step, index, iteration }: StepAt): StepRecord => ({
  journeyId: context.journeyId,
  workspaceId: context.workspaceId,
  scenarioId: context.scenarioId,
  scenarioVersionId: context.scenarioVersionId,
  index,
  iteration,
  nodeId: step.id,
  nodeType: step.type,
});

/** Activities bound to their dependencies (pg pool, providers), as Temporal's samples do. */
export function createJourneyActivities(deps: JourneyActivityDependencies) {
  /** Runs the node's `execute` for one step, unless the journey ended from outside. */
  async function execute(input: ExecuteStepInput): Promise<StepResult> {
    const ended = await deps.journeys.endedReason(input.context.journeyId);
    if (ended) return { ended };
    const { type, typeVersion } = input.step;
    const node = deps.registry.get(type, typeVersion);
    if (!node?.execute) {
      // Retried: a worker that has the node's package (a rolling deploy) can still run the step.
      throw ApplicationFailure.retryable(
        `This worker cannot run node type ${type} version ${typeVersion}: add the node package that provides it to PARCOURS_NODE_PACKAGES`,
        'UnknownNodeType',
      );
    }
    const { info, log } = Context.current();
    const ctx = createStepContext(deps, node, input, { attempt: info.attempt, logger: log });
    let result: NodeExecutionResult;
    try {
      result = await node.execute(ctx, input.step.config);
    } catch (error) {
      if (!isPermanentNodeError(error)) throw error; // retried per the step's policy
      throw ApplicationFailure.create({
        message: error.message,
        type: 'PermanentNodeError',
        nonRetryable: true,
        cause: error,
      });
    }
    const detail = 'deferUntil' in result ? { until: result.deferUntil } : undefined;
    await deps.journeys.recordStep(record(input), result.outcome, detail);
    return result;
  }

  return {
    /** `resumed`: a run continued as new, whose entry is already recorded. */
    async loadJourney({
      journeyId,
      resumed,
    }: {
      journeyId: string;
      resumed: boolean;
    }): Promise<LoadedJourney | { ended: string }> {
      const loaded = await deps.journeys.start(journeyId, { recordEntry: !resumed });
      if (!loaded)
        throw ApplicationFailure.nonRetryable(`Journey ${journeyId} does not exist`, 'JourneyNotFound');
      return loaded;
    },

    async recordStep(input: StepAt & { outcome: string; detail?: Record<string, unknown> }): Promise<void> {
      await deps.journeys.recordStep(record(input), input.outcome, input.detail);
    },

    /** A `wait.until` step: the instant to go on at (ISO 8601), in the customer's timezone now. */
    async resolveWaitUntil({ context, step, now }: TimedStep): Promise<string> {
      const config = waitUntilConfigSchema.parse(step.config);
      const profile = await deps.profiles.load(context.profileId);
      return waitUntilResumeAt(config, new Date(now), profile?.timezone ?? null).toISOString();
    },

    /** A goal step: the conversion that already happened since the customer entered, if any. */
    async findConversion({ context, step, now }: TimedStep): Promise<Conversion | null> {
      const config = goalConfigSchema.parse(step.config);
      return deps.events.firstConversion(
        context.profileId,
        config,
        new Date(context.enteredAt),
        new Date(now),
      );
    },

    /** Conditions: read the profile now (not at entry). */
    evaluateStep: execute,

    /** Actions: sends, profile updates, calls; each idempotent per journey + node + iteration. */
    executeStep: execute,

    async completeJourney(input: StepAt & { exitReason: string }): Promise<void> {
      await deps.journeys.complete(record(input), input.exitReason);
    },
  };
}
