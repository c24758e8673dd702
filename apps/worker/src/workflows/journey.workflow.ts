import {
  ActivityFailure,
  ApplicationFailure,
  condition,
  continueAsNew,
  defineSignal,
  isCancellation,
  proxyActivities,
  setHandler,
  sleep,
  workflowInfo,
} from '@temporalio/workflow';
import {
  chooseSplitBranch,
  type Conversion,
  conversionOf,
  DEFAULT_STEP_EXECUTION,
  type Duration,
  durationToMs,
  getPath,
  GOAL_EXIT_REASON,
  HOLDOUT_PORT,
  JOURNEY_EVENT_SIGNAL,
  NODE_FAILED_EXIT_REASON,
  type JourneyContext,
  type JourneyEventSignal,
  type JourneyStep,
  type JourneyWorkflowInput,
  matchesEventTrigger,
  type PropertyPredicate,
  type SplitBranch,
  type StepExecutionPolicy,
} from '@parcours/domain/journey';
import type * as activities from '../activities/journey.activities';

type JourneyActivities = ReturnType<typeof activities.createJourneyActivities>;

const retry = { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '5 minutes' };

// Database-only steps are quick: a short timeout lets a crashed worker's attempt be retried soon.
const { loadJourney, recordStep, completeJourney, evaluateStep, resolveWaitUntil, findConversion } =
  proxyActivities<JourneyActivities>({
    startToCloseTimeout: '10 seconds',
    retry,
  });

// Actions talk to providers, which may be slow to answer; the ledger makes their retries safe.
const { executeStep } = proxyActivities<JourneyActivities>({
  startToCloseTimeout: DEFAULT_STEP_EXECUTION.timeoutMs,
  retry,
});

/** A step whose node sets its own timeout and retries (the policy was baked in at publish). */
function executedWith(policy: StepExecutionPolicy): JourneyActivities['executeStep'] {
  return proxyActivities<JourneyActivities>({
    startToCloseTimeout: policy.timeoutMs,
    retry: {
      initialInterval: policy.retry.initialIntervalMs,
      backoffCoefficient: 2,
      maximumInterval: policy.retry.maximumIntervalMs,
      maximumAttempts: policy.retry.maximumAttempts,
    },
  }).executeStep;
}

/** Why an executed step failed for good, as recorded on the journey's path (bounded). */
function failureOutcome(failure: ActivityFailure): string {
  const cause = failure.cause;
  const reason =
    cause instanceof ApplicationFailure && cause.type === 'PermanentNodeError'
      ? cause.message
      : cause?.message || failure.message;
  return `failed:${reason}`.slice(0, 500);
}

export const journeyEventSignal = defineSignal<[JourneyEventSignal]>(JOURNEY_EVENT_SIGNAL);

/** Events kept for waits that have not started yet; older ones are dropped first. */
const INBOX_LIMIT = 50;
/** Continue as new well before Temporal's history limits (50 000 events), keeping replays cheap. */
const HISTORY_LIMIT = 2_000;

export interface JourneyOutcome {
  journeyId: string;
  /** Node ids walked by this run (a journey that continued as new reports its last run). */
  path: string[];
  exitReason?: string;
}

/** `recorded`: the step's row keeps its own outcome (e.g. `converted`); the exit gets a row of its own. */
type Move = { port: string } | { end: string; recorded?: boolean };

/**
 * Walks one customer through one published scenario version. Control steps run here (durable
 * timers, event waits, random splits); anything that reads or writes the world (conditions,
 * sends, profile updates) is an activity. Exits decided outside (exit criteria, stop, merge,
 * erasure) mark the journey row and terminate this workflow: they take effect at once, mid-wait
 * included, and every activity re-checks the row before acting.
 */
export async function journeyWorkflow(input: JourneyWorkflowInput): Promise<JourneyOutcome> {
  const inbox: { event: JourneyEventSignal; receivedAt: number }[] = (input.resume?.inbox ?? []).map(
    (event) => ({ event, receivedAt: 0 }),
  );
  setHandler(journeyEventSignal, (event) => {
    inbox.push({ event, receivedAt: Date.now() });
    if (inbox.length > INBOX_LIMIT) inbox.shift();
  });

  const loaded = await loadJourney({ journeyId: input.journeyId, resumed: input.resume !== undefined });
  if ('ended' in loaded) return { journeyId: input.journeyId, path: [], exitReason: loaded.ended };
  const { context, definition } = loaded;
  const visits: Record<string, number> = { ...input.resume?.visits };
  const variables: Record<string, unknown> = { ...input.resume?.variables };
  let stepIndex = input.resume?.stepIndex ?? 1; // the trigger was recorded as step 0 at entry
  const path: string[] = [];

  let step: JourneyStep | undefined = input.resume
    ? definition.steps[input.resume.stepId]
    : next(definition.steps[definition.entryStepId], 'out');

  while (step) {
    if (workflowInfo().continueAsNewSuggested || workflowInfo().historyLength > HISTORY_LIMIT) {
      await continueAsNew<typeof journeyWorkflow>({
        journeyId: input.journeyId,
        resume: { stepId: step.id, stepIndex, visits, variables, inbox: inbox.map((i) => i.event) },
      });
    }
    const iteration = visits[step.id] ?? 0;
    visits[step.id] = iteration + 1;
    path.push(step.id);
    const at = { context, step: { id: step.id, type: step.type }, index: stepIndex++, iteration };
    const move = await runStep(step, at);
    if ('end' in move) {
      // A step that recorded its own outcome keeps it: the exit takes the next index.
      await completeJourney({ ...at, index: move.recorded ? stepIndex : at.index, exitReason: move.end });
      return { journeyId: input.journeyId, path, exitReason: move.end };
    }
    step = next(step, move.port);
  }
  throw ApplicationFailure.nonRetryable('The journey walked off its graph');

  function next(from: JourneyStep, port: string): JourneyStep {
    const id = from.next[port];
    const found = id === undefined ? undefined : definition.steps[id];
    if (!found) throw ApplicationFailure.nonRetryable(`Step ${from.id} has no edge from port '${port}'`);
    return found;
  }

  async function runStep(step: JourneyStep, at: StepAt): Promise<Move> {
    switch (step.kind) {
      case 'wait':
        return runWait(step, at);
      case 'split': {
        const config = step.config as unknown as { branches: SplitBranch[]; holdoutPercent: number };
        const port = chooseSplitBranch(
          [{ port: HOLDOUT_PORT, percent: config.holdoutPercent }, ...config.branches],
          context.profileId,
          step.id,
        );
        await recordStep({ ...at, outcome: port });
        return port === HOLDOUT_PORT ? { end: 'holdout' } : { port };
      }
      case 'condition':
      case 'action':
        return runExecuted(step, at);
      case 'exit':
        return { end: 'completed' };
      case 'trigger':
        throw ApplicationFailure.nonRetryable(`Trigger ${step.id} reached from inside the journey`);
      default: {
        const unknownKind: never = step.kind;
        throw ApplicationFailure.nonRetryable(`Unknown step kind ${String(unknownKind)}`);
      }
    }
  }

  /**
   * Runs a condition or an action; comes back to it when pressure rules defer a send. A step that
   * fails for good (a permanent error, its attempts used up) follows its node's error port, or
   * ends the journey.
   */
  async function runExecuted(step: JourneyStep, at: StepAt): Promise<Move> {
    const run = step.execution
      ? executedWith(step.execution)
      : step.kind === 'condition'
        ? evaluateStep
        : executeStep;
    for (;;) {
      let result: Awaited<ReturnType<typeof run>>;
      try {
        result = await run({ ...at, step, variables, now: Date.now() });
      } catch (error) {
        if (!(error instanceof ActivityFailure) || isCancellation(error)) throw error;
        await recordStep({ ...at, outcome: failureOutcome(error) });
        const errorPort = step.execution?.errorPort;
        return errorPort ? { port: errorPort } : { end: NODE_FAILED_EXIT_REASON, recorded: true };
      }
      if ('ended' in result) return { end: result.ended };
      if ('exit' in result) return { end: result.exit };
      if ('deferUntil' in result) {
        await sleep(Math.max(0, Date.parse(result.deferUntil) - Date.now()));
        continue;
      }
      Object.assign(variables, result.variables);
      return { port: result.port };
    }
  }

  async function runWait(step: JourneyStep, at: StepAt): Promise<Move> {
    const enteredAt = Date.now();
    switch (step.type) {
      case 'wait.duration':
        await recordStep({ ...at, outcome: 'waiting' });
        await sleep(durationToMs(step.config as unknown as Duration));
        await recordStep({ ...at, outcome: 'waited' });
        return { port: 'out' };
      case 'wait.until': {
        const until = await resolveWaitUntil({ context, step, now: enteredAt });
        await recordStep({ ...at, outcome: 'waiting', detail: { until } });
        await sleep(Math.max(0, Date.parse(until) - Date.now()));
        await recordStep({ ...at, outcome: 'waited' });
        return { port: 'out' };
      }
      case 'wait.event': {
        const config = step.config as unknown as WaitEventConfig;
        await recordStep({ ...at, outcome: 'waiting' });
        const received = await receive(
          (event) => awaited(config, event, context),
          enteredAt,
          durationToMs(config.timeout),
        );
        if (received) variables[step.id] = { event: received.name, properties: received.properties };
        const port = received ? 'received' : 'timeout';
        await recordStep({ ...at, outcome: port });
        return { port };
      }
      case 'goal': {
        const config = step.config as unknown as GoalConfig;
        await recordStep({ ...at, outcome: 'waiting' });
        let conversion: Conversion | null = await findConversion({ context, step, now: enteredAt });
        if (!conversion) {
          const event = await receive(
            (e) => matchesEventTrigger(config, e),
            enteredAt,
            durationToMs(config.within),
          );
          if (event) conversion = conversionOf(event, config.revenueProperty);
        }
        if (!conversion) {
          await recordStep({ ...at, outcome: 'not_converted' });
          return { port: 'not_converted' };
        }
        await recordStep({ ...at, outcome: 'converted', detail: { ...conversion } });
        return config.endJourney ? { end: GOAL_EXIT_REASON, recorded: true } : { port: 'converted' };
      }
      default:
        throw ApplicationFailure.nonRetryable(`Wait type ${step.type} is not supported by this worker`);
    }
  }

  /**
   * The first event delivered since `since` that `accepts`, taken out of the inbox; waits for one
   * at most `timeoutMs`. `undefined` on timeout.
   */
  async function receive(
    accepts: (event: JourneyEventSignal) => boolean,
    since: number,
    timeoutMs: number,
  ): Promise<JourneyEventSignal | undefined> {
    let received: JourneyEventSignal | undefined;
    const arrived = () => {
      const index = inbox.findIndex(({ event, receivedAt }) => receivedAt >= since && accepts(event));
      if (index >= 0) [{ event: received }] = inbox.splice(index, 1);
      return received !== undefined;
    };
    await condition(arrived, timeoutMs);
    return received;
  }
}

type StepAt = {
  context: JourneyContext;
  step: { id: string; type: string };
  index: number;
  iteration: number;
};

interface GoalConfig {
  event: string;
  filters: PropertyPredicate[];
  revenueProperty?: string;
  within: Duration;
  endJourney: boolean;
}

interface WaitEventConfig {
  event: string;
  filters: PropertyPredicate[];
  sameAsTrigger?: string;
  timeout: Duration;
}

/** The awaited event: name and filters, and the same value as the trigger's for `sameAsTrigger`. */
function awaited(config: WaitEventConfig, event: JourneyEventSignal, context: JourneyContext): boolean {
  if (!matchesEventTrigger(config, event)) return false;
  if (config.sameAsTrigger === undefined) return true;
  const expected = getPath(context.triggerEvent?.properties, config.sameAsTrigger);
  return expected !== undefined && expected === getPath(event.properties, config.sameAsTrigger);
}
