import { ApplicationFailure, proxyActivities, sleep } from '@temporalio/workflow';
import {
  type Duration,
  durationToMs,
  type JourneyContext,
  type JourneyStep,
  type JourneyWorkflowInput,
} from '@parcours/domain/journey';
import type * as activities from '../activities/journey.activities';

type JourneyActivities = ReturnType<typeof activities.createJourneyActivities>;

const retry = { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '5 minutes' };

// Database-only steps are quick: a short timeout lets a crashed worker's attempt be retried soon.
const { loadJourney, recordStep, evaluateCondition, completeJourney } = proxyActivities<JourneyActivities>({
  startToCloseTimeout: '10 seconds',
  retry,
});

// Actions talk to providers, which may be slow to answer; the ledger makes their retries safe.
const { runAction } = proxyActivities<JourneyActivities>({ startToCloseTimeout: '1 minute', retry });

export interface JourneyOutcome {
  journeyId: string;
  path: string[];
}

/**
 * Walks one customer through one published scenario version. Control steps (waits) run here as
 * durable timers; anything that reads or writes the world (conditions, sends) is an activity.
 */
export async function journeyWorkflow({ journeyId }: JourneyWorkflowInput): Promise<JourneyOutcome> {
  const { context, definition } = await loadJourney(journeyId);
  const path: string[] = [];
  let step: JourneyStep | undefined = definition.steps[definition.entryStepId];
  while (step) {
    path.push(step.id);
    const port = await runStep(context, step, path.length - 1);
    if (port === null) break;
    const nextId: string | undefined = step.next[port];
    if (!nextId) {
      throw ApplicationFailure.nonRetryable(`Step ${step.id} has no edge from port '${port}'`);
    }
    step = definition.steps[nextId];
  }
  await completeJourney({ journeyId, lastStepId: path[path.length - 1] });
  return { journeyId, path };
}

/** Runs one step and returns the output port to follow, or null when the journey ends. */
async function runStep(context: JourneyContext, step: JourneyStep, index: number): Promise<string | null> {
  const at = { context, step: { id: step.id, type: step.type }, index };
  switch (step.kind) {
    case 'trigger':
      await recordStep({ ...at, outcome: 'entered' });
      return 'out';
    case 'wait':
      await recordStep({ ...at, outcome: 'waiting' });
      await sleep(waitMs(step));
      return 'out';
    case 'condition':
      return evaluateCondition({ context, step, index });
    case 'action':
      return runAction({ context, step, index });
    case 'exit':
      await recordStep({ ...at, outcome: 'exited' });
      return null;
    default: {
      const unknownKind: never = step.kind;
      throw ApplicationFailure.nonRetryable(`Unknown step kind ${String(unknownKind)}`);
    }
  }
}

function waitMs(step: JourneyStep): number {
  if (step.type === 'wait.duration') return durationToMs(step.config as unknown as Duration);
  throw ApplicationFailure.nonRetryable(`Wait type ${step.type} is not supported by this worker`);
}
