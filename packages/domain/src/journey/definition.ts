// The executable form of a published scenario version: plain JSON, no schemas, so that the
// journey workflow (Temporal's deterministic sandbox) can import it without zod or any I/O.

/** How the journey interpreter treats a node; fixed per node type and baked in at publish. */
export type StepKind = 'trigger' | 'wait' | 'condition' | 'action' | 'exit';

export interface JourneyStep {
  id: string;
  type: string;
  kind: StepKind;
  /** The node's validated config, as JSON. */
  config: Record<string, unknown>;
  /** Output port name → id of the next node. Empty for `exit`. */
  next: Record<string, string>;
}

export interface JourneyDefinition {
  formatVersion: 1;
  entryStepId: string;
  steps: Record<string, JourneyStep>;
}

/** Identifies one customer's walk through one published scenario version. */
export interface JourneyContext {
  workspaceId: string;
  journeyId: string;
  scenarioId: string;
  scenarioVersionId: string;
  profileId: string;
  /** The event that started the journey, when an event trigger did. */
  triggerEvent?: { id: string; name: string; properties: Record<string, unknown> };
}
