// The executable form of a published scenario version: plain JSON, no schemas, so that the
// journey workflow (Temporal's deterministic sandbox) can import it without zod or any I/O.
import type { EventTriggerMatcher } from '../predicates/matches-event-trigger';

/**
 * How the journey interpreter treats a node; fixed per node type and baked in at publish.
 * `wait`, `split` and `exit` run inside the workflow; `condition` and `action` run as activities
 * (they read or change the world); `trigger` only marks the entry.
 */
export type StepKind = 'trigger' | 'wait' | 'split' | 'condition' | 'action' | 'exit';

export interface JourneyStep {
  id: string;
  type: string;
  /** The node type's version the scenario was published with (in-flight journeys keep it). */
  typeVersion: number;
  kind: StepKind;
  /** The node's validated config, as JSON. */
  config: Record<string, unknown>;
  /** Output port name → id of the next node. Empty for `exit`. */
  next: Record<string, string>;
  /** Executed steps whose node sets its own timeout, retries or error port; the engine's otherwise. */
  execution?: StepExecutionPolicy;
}

/** How the workflow schedules an executed step's activity, baked in at publish. */
export interface StepExecutionPolicy {
  /** One attempt's limit (the activity's start-to-close timeout). */
  timeoutMs: number;
  retry: {
    /** 0: without limit. */
    maximumAttempts: number;
    initialIntervalMs: number;
    maximumIntervalMs: number;
  };
  /** Where a step that failed for good goes on; without it the journey ends (`node_failed`). */
  errorPort?: string;
}

/** Exit reason of a journey whose step failed for good, its node having no error port. */
export const NODE_FAILED_EXIT_REASON = 'node_failed';

/** The engine's policy for an executed step whose node sets none. */
export const DEFAULT_STEP_EXECUTION: StepExecutionPolicy = {
  timeoutMs: 60_000,
  retry: { maximumAttempts: 0, initialIntervalMs: 1_000, maximumIntervalMs: 300_000 },
};

export type ReentryPolicy =
  /** Once per customer, ever. */
  | { policy: 'never' }
  /** Again once this many days have passed since the last entry. */
  | { policy: 'after'; days: number }
  /** Every time the trigger fires (still one active journey per customer and scenario). */
  | { policy: 'always' };

export interface EntryRules {
  reentry: ReentryPolicy;
  /** Members of this segment only, checked when the customer would enter. */
  audienceSegmentId?: string;
  /** At most this many entries per UTC day, across customers. */
  maxEntriesPerDay?: number;
}

/** An event that ends a running journey the moment it is stored, whatever step the journey is on. */
export interface ExitCriterion extends EventTriggerMatcher {
  /** Recorded as the journey's exit reason. */
  reason: string;
}

export interface JourneyDefinition {
  formatVersion: 2;
  entryStepId: string;
  steps: Record<string, JourneyStep>;
  /** The stored events that enter customers, for event-entered triggers (event, segment). */
  entryEvent?: EventTriggerMatcher;
  entry: EntryRules;
  exitCriteria: ExitCriterion[];
  /** Event names the version's steps wait for: only these are delivered to its running journeys. */
  listensFor: string[];
}

/** Identifies one customer's walk through one published scenario version. */
export interface JourneyContext {
  workspaceId: string;
  journeyId: string;
  scenarioId: string;
  scenarioVersionId: string;
  profileId: string;
  /** When the customer entered (ISO 8601). */
  enteredAt: string;
  /** The event that started the journey, when an event trigger did. */
  triggerEvent?: { id: string; name: string; properties: Record<string, unknown> };
}
