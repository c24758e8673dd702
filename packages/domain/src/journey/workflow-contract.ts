// Names shared by whoever starts journeys (the API's dispatcher) and whoever runs them (the worker).

export const JOURNEY_WORKFLOW_TYPE = 'journeyWorkflow';
export const DEFAULT_JOURNEY_TASK_QUEUE = 'journeys';

export interface JourneyWorkflowInput {
  journeyId: string;
}

/**
 * One workflow id per scenario + profile + entry, so a dispatch retried after a crash is
 * refused by Temporal instead of starting the journey twice.
 */
export function journeyWorkflowId(scenarioId: string, profileId: string, entryKey: string): string {
  return `journey/${scenarioId}/${profileId}/${entryKey}`;
}
