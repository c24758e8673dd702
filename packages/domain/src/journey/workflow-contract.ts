// Names shared by whoever starts journeys (the API's dispatcher) and whoever runs them (the worker).

export const JOURNEY_WORKFLOW_TYPE = 'journeyWorkflow';
export const DEFAULT_JOURNEY_TASK_QUEUE = 'journeys';

/** Signal carrying a stored event to a running journey that waits for events of that name. */
export const JOURNEY_EVENT_SIGNAL = 'journeyEvent';

/** Temporal search attributes (Keyword) set on every journey workflow. */
export const JOURNEY_SEARCH_ATTRIBUTES = {
  scenarioId: 'ParcoursScenarioId',
  scenarioVersionId: 'ParcoursScenarioVersionId',
  profileId: 'ParcoursProfileId',
} as const;

export interface JourneyEventSignal {
  id: string;
  name: string;
  properties: Record<string, unknown>;
  /** When the event happened (ISO 8601). */
  occurredAt: string;
}

/** Where a journey that continued as new picks up again. */
export interface JourneyResumeState {
  stepId: string;
  /** Index of the next recorded step (journey_steps.step_index keeps counting across runs). */
  stepIndex: number;
  /** How many times each node was visited: the iteration part of the send ledger's key. */
  visits: Record<string, number>;
  /** Variables set by earlier steps (e.g. a webhook's mapped response). */
  variables: Record<string, unknown>;
  /** Events received and not yet consumed by a wait. */
  inbox: JourneyEventSignal[];
}

export interface JourneyWorkflowInput {
  journeyId: string;
  resume?: JourneyResumeState;
}

/**
 * One workflow id per scenario + profile + entry, so a dispatch retried after a crash is
 * refused by Temporal instead of starting the journey twice.
 */
export function journeyWorkflowId(scenarioId: string, profileId: string, entryKey: string): string {
  return `journey/${scenarioId}/${profileId}/${entryKey}`;
}
