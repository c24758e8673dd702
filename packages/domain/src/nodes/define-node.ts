import type { z } from 'zod';
import type { StepKind } from '../journey/definition';
import type { EventTriggerMatcher } from '../predicates/matches-event-trigger';
import type { NodeExecutionContext, NodeExecutionResult } from './node-execution';

export const NODE_CATEGORIES = ['triggers', 'flow', 'conditions', 'messages', 'actions'] as const;
export type NodeCategory = (typeof NODE_CATEGORIES)[number];

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
}

// Matches `z.object`, `z.strictObject` and `z.looseObject` schemas, refined or not.
type AnyObjectSchema = z.ZodObject<z.ZodRawShape, z.core.$ZodObjectConfig>;

export interface NodeSpec<Schema extends AnyObjectSchema> {
  type: string;
  version: number;
  title: string;
  description: string;
  category: NodeCategory;
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
}

/** Kinds whose steps run as activities, through the node's `execute`. */
export const EXECUTED_KINDS: readonly StepKind[] = ['condition', 'action'];

const NODE_TYPE = /^[A-Za-z][A-Za-z0-9_-]*(\.[A-Za-z0-9_-]+)*$/;

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
  const parsed = spec.configSchema.safeParse(spec.defaultConfig);
  if (!parsed.success) {
    throw new Error(
      `Node type '${spec.type}': defaultConfig does not match configSchema: ${parsed.error.message}`,
    );
  }
  // A `ZodObject` is a `ZodType` of its output; TypeScript cannot see that through the generic.
  const configSchema = spec.configSchema as unknown as z.ZodType<z.output<Schema>>;
  return Object.freeze({ ...spec, configSchema, defaultConfig: parsed.data });
}
