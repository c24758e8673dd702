import type { z } from 'zod';
import type { StepKind } from '../journey/definition';
import type { EventTriggerMatcher } from '../predicates/matches-event-trigger';
import type { NodeExecutionContext, NodeExecutionResult } from './node-execution';

export const NODE_CATEGORIES = ['triggers', 'flow', 'conditions', 'messages', 'actions'] as const;
export type NodeCategory = (typeof NODE_CATEGORIES)[number];

/**
 * Icons the studio draws (a fixed set: a node package cannot inject markup into the studio).
 * Without one, a node gets its kind's icon.
 */
export const NODE_ICONS = [
  'bolt',
  'clock',
  'branch',
  'split',
  'mail',
  'message',
  'bell',
  'globe',
  'user',
  'star',
  'cube',
  'exit',
] as const;
export type NodeIcon = (typeof NODE_ICONS)[number];

/**
 * How the engine retries an executed step (a Temporal activity) that throws anything but a
 * `PermanentNodeError`: the delay starts at `initialIntervalSeconds` and doubles, up to
 * `maximumIntervalSeconds`. Once `maxAttempts` have failed the step fails for good.
 */
export interface NodeRetryPolicy {
  maxAttempts: number;
  initialIntervalSeconds: number;
  maximumIntervalSeconds?: number;
}

/** A problem a node finds in its own (schema-valid) config; `path` is relative to the config. */
export interface NodeConfigIssue {
  path: (string | number)[];
  message: string;
}

/** Another node of the scenario that a node's config names, e.g. the send whose engagement it checks. */
export interface NodeReference {
  /** Where the id is in the config. */
  path: (string | number)[];
  nodeId: string;
  /** The referenced node must be of this category and come before the referring one. */
  category: NodeCategory;
}

/** A segment a node's config reads, by id: publishing checks it exists in the workspace. */
export interface SegmentReference {
  /** Where the id is in the config. */
  path: (string | number)[];
  segmentId: string;
}

/** Everything the studio, the API and the worker know about one node type. A value, not a class. */
export interface NodeDefinition<Config extends Record<string, unknown> = Record<string, unknown>> {
  /** Stable identifier stored in scenarios, e.g. `send.email`. */
  readonly type: string;
  readonly version: number;
  readonly title: string;
  readonly description: string;
  readonly category: NodeCategory;
  readonly icon?: NodeIcon;
  /** How the journey interpreter runs it. */
  readonly kind: StepKind;
  readonly configSchema: z.ZodType<Config>;
  /** The config of a freshly dropped node; always valid against `configSchema`. */
  readonly defaultConfig: Config;
  /** Output port names for a given config; `[]` for a terminal node. */
  ports(config: Config): string[];
  /** Checks the schema cannot express (e.g. template syntax). */
  validate?(config: Config): NodeConfigIssue[];
  /**
   * Runs the step, as a Temporal activity: required for `condition` and `action` nodes, absent for
   * the others (the journey workflow interprets triggers, waits, splits and exits itself).
   */
  execute?(ctx: NodeExecutionContext, config: Config): Promise<NodeExecutionResult>;
  /** Names of events a journey on this step waits for (they are delivered to it by signal). */
  listensFor?(config: Config): string[];
  /** For triggers entered by a stored event: which events enter customers. */
  entryEvent?(config: Config): EventTriggerMatcher;
  /** Nodes the config names; the graph validator checks they exist, fit and come before. */
  references?(config: Config): NodeReference[];
  /** Segments the config names. */
  segments?(config: Config): SegmentReference[];
  /**
   * A wait that may let a customer through at once (a date already past, a goal already reached):
   * it does not break a loop, so the graph validator requires another wait in any loop through it.
   */
  readonly mayPassWithoutWaiting?: boolean;
  /** Executed nodes: how long one attempt of `execute` may take (default 60 s). */
  readonly timeoutSeconds?: number;
  /** Executed nodes: attempts and delays (default: retried without limit, from 1 s up to 5 min). */
  readonly retry?: NodeRetryPolicy;
  /**
   * Executed nodes: the port a journey follows when the step fails for good (a `PermanentNodeError`,
   * the attempts used up, a timeout on the last one). Without it such a failure ends the journey
   * (exit reason `node_failed`).
   */
  readonly errorPort?: string;
  /**
   * Names of the secrets `execute` reads with `ctx.secret(name)`, e.g. `LOYALTY_API_KEY`; the worker
   * takes them from its configuration (`PARCOURS_SECRET_LOYALTY_API_KEY`), never from a scenario.
   */
  readonly secrets?: readonly string[];
}

// Matches `z.object`, `z.strictObject` and `z.looseObject` schemas, refined or not.
type AnyObjectSchema = z.ZodObject<z.ZodRawShape, z.core.$ZodObjectConfig>;

export interface NodeSpec<Schema extends AnyObjectSchema> {
  type: string;
  version: number;
  title: string;
  description: string;
  category: NodeCategory;
  icon?: NodeIcon;
  kind: StepKind;
  configSchema: Schema;
  defaultConfig: z.output<Schema>;
  ports(config: z.output<Schema>): string[];
  validate?(config: z.output<Schema>): NodeConfigIssue[];
  execute?(ctx: NodeExecutionContext, config: z.output<Schema>): Promise<NodeExecutionResult>;
  listensFor?(config: z.output<Schema>): string[];
  entryEvent?(config: z.output<Schema>): EventTriggerMatcher;
  references?(config: z.output<Schema>): NodeReference[];
  segments?(config: z.output<Schema>): SegmentReference[];
  mayPassWithoutWaiting?: boolean;
  timeoutSeconds?: number;
  retry?: NodeRetryPolicy;
  errorPort?: string;
  secrets?: readonly string[];
}

/** Kinds whose steps run as activities, through the node's `execute`. */
export const EXECUTED_KINDS: readonly StepKind[] = ['condition', 'action'];

const NODE_TYPE = /^[A-Za-z][A-Za-z0-9_-]*(\.[A-Za-z0-9_-]+)*$/;
export const SECRET_NAME = /^[A-Z][A-Z0-9_]{0,63}$/;

/** Marks the values `defineNode` returned: a node package's exports are checked against it. */
const DEFINED = Symbol.for('parcours.nodeDefinition');

export function isNodeDefinition(value: unknown): value is NodeDefinition {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[DEFINED] === true;
}

/** What is wrong with a node's execution settings (timeout, retry, error port, secrets). */
function executionProblem<Schema extends AnyObjectSchema>(
  spec: NodeSpec<Schema>,
  defaultConfig: z.output<Schema>,
): string | undefined {
  const executed = EXECUTED_KINDS.includes(spec.kind);
  const settings = ['timeoutSeconds', 'retry', 'errorPort', 'secrets'] as const;
  const misplaced = settings.find((key) => spec[key] !== undefined);
  if (!executed && misplaced) return `${misplaced} applies to condition and action nodes only`;
  const { timeoutSeconds, retry, errorPort, secrets } = spec;
  if (timeoutSeconds !== undefined && !(timeoutSeconds >= 1 && timeoutSeconds <= 3600))
    return 'timeoutSeconds must be between 1 and 3600';
  if (retry) {
    if (!Number.isInteger(retry.maxAttempts) || retry.maxAttempts < 1 || retry.maxAttempts > 100)
      return 'retry.maxAttempts must be an integer from 1 to 100';
    if (!(retry.initialIntervalSeconds >= 0.1 && retry.initialIntervalSeconds <= 3600))
      return 'retry.initialIntervalSeconds must be between 0.1 and 3600';
    const maximum = retry.maximumIntervalSeconds;
    if (maximum !== undefined && !(maximum >= retry.initialIntervalSeconds && maximum <= 86_400))
      return 'retry.maximumIntervalSeconds must be between initialIntervalSeconds and 86400';
  }
  if (errorPort !== undefined && !spec.ports(defaultConfig).includes(errorPort))
    return `errorPort '${errorPort}' is not one of its ports`;
  const badSecret = secrets?.find((name) => !SECRET_NAME.test(name));
  if (badSecret !== undefined) return `secret '${badSecret}' must be upper-case letters, digits and _`;
  return undefined;
}

/**
 * Declares a node type; the config type is inferred from `configSchema`. Throws on a malformed
 * definition (a programming error, caught when the module loads).
 */
export function defineNode<Schema extends AnyObjectSchema>(
  spec: NodeSpec<Schema>,
): NodeDefinition<z.output<Schema>> {
  if (!NODE_TYPE.test(spec.type) || spec.type.length > 100) {
    throw new Error(`Invalid node type '${spec.type}': use dot-separated names like 'send.email'`);
  }
  if (!Number.isInteger(spec.version) || spec.version < 1) {
    throw new Error(`Node type '${spec.type}': version must be a positive integer`);
  }
  if (EXECUTED_KINDS.includes(spec.kind) !== (spec.execute !== undefined)) {
    throw new Error(
      `Node type '${spec.type}': ${spec.kind} nodes ${EXECUTED_KINDS.includes(spec.kind) ? 'need' : 'cannot have'} an execute function`,
    );
  }
  if (spec.icon !== undefined && !NODE_ICONS.includes(spec.icon)) {
    throw new Error(`Node type '${spec.type}': icon must be one of ${NODE_ICONS.join(', ')}`);
  }
  const parsed = spec.configSchema.safeParse(spec.defaultConfig);
  if (!parsed.success) {
    throw new Error(
      `Node type '${spec.type}': defaultConfig does not match configSchema: ${parsed.error.message}`,
    );
  }
  const problem = executionProblem(spec, parsed.data);
  if (problem) throw new Error(`Node type '${spec.type}': ${problem}`);
  // A `ZodObject` is a `ZodType` of its output; TypeScript cannot see that through the generic.
  const configSchema = spec.configSchema as unknown as z.ZodType<z.output<Schema>>;
  const definition = { ...spec, configSchema, defaultConfig: parsed.data };
  // Not enumerable: a copy made by spreading is not a checked definition.
  Object.defineProperty(definition, DEFINED, { value: true });
  return Object.freeze(definition);
}
