import { evaluatePredicate, type PropertyPredicate } from '@parcours/domain';
import { type JourneyContext } from '@parcours/domain/journey';
import { ApplicationFailure } from '@temporalio/activity';
import { type JourneyStore, type LoadedJourney } from '../persistence/journey-store';
import { profileView } from '../persistence/profile-store';
import { type ActionDependencies, actionHandlers, type ActionInput } from './actions';

export interface JourneyActivityDependencies extends ActionDependencies {
  journeys: JourneyStore;
}

interface StepAt {
  context: JourneyContext;
  step: { id: string; type: string };
  index: number;
}

/** Activities bound to their dependencies (pg pool, SMTP), as Temporal's samples do. */
export function createJourneyActivities(deps: JourneyActivityDependencies) {
  return {
    async loadJourney(journeyId: string): Promise<LoadedJourney> {
      const loaded = await deps.journeys.start(journeyId);
      if (!loaded)
        throw ApplicationFailure.nonRetryable(`Journey ${journeyId} does not exist`, 'JourneyNotFound');
      return loaded;
    },

    async recordStep({ context, step, index, outcome }: StepAt & { outcome: string }): Promise<void> {
      await deps.journeys.recordStep(context, index, step, outcome);
    },

    /** Reads the profile now (not at entry) and returns the port to follow; null if the journey ended. */
    async evaluateCondition({ context, step, index }: ActionInput): Promise<string | null> {
      if (await deps.journeys.hasExited(context.journeyId)) return null;
      const profile = await deps.profiles.load(context.profileId);
      const matched =
        profile !== null &&
        evaluatePredicate(step.config as unknown as PropertyPredicate, profileView(profile));
      const port = matched ? 'yes' : 'no';
      await deps.journeys.recordStep(context, index, step, port);
      return port;
    },

    /** Runs the node's action and returns the port to follow; null if the journey ended meanwhile. */
    async runAction(input: ActionInput): Promise<string | null> {
      if (await deps.journeys.hasExited(input.context.journeyId)) return null;
      const handler = actionHandlers[input.step.type];
      if (!handler) {
        throw ApplicationFailure.nonRetryable(`No runtime for action ${input.step.type}`, 'UnknownAction');
      }
      const { port, outcome } = await handler(input, deps);
      await deps.journeys.recordStep(input.context, input.index, input.step, outcome);
      return port;
    },

    async completeJourney({
      journeyId,
      lastStepId,
    }: {
      journeyId: string;
      lastStepId?: string;
    }): Promise<void> {
      await deps.journeys.complete(journeyId, lastStepId);
    },
  };
}
