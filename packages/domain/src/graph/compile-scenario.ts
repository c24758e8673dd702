import {
  DEFAULT_STEP_EXECUTION,
  type JourneyDefinition,
  type JourneyStep,
  type StepExecutionPolicy,
} from '../journey/definition';
import { defaultNodeRegistry, type AnyNodeDefinition, type NodeRegistry } from '../nodes/registry';
import { scenarioGraphSchema } from './scenario-graph';
import { compileEntryRules, compileExitCriterion } from './scenario-settings';
import { ScenarioInvalidError } from './scenario-invalid-error';
import { validateScenario } from './validate-scenario';

/**
 * Turns a scenario draft into the executable journey definition: configs parsed through their
 * schemas (defaults applied), `next` mapping each output port to the following step.
 * Throws `ScenarioInvalidError` (with every issue) when `validateScenario` finds any problem.
 */
export function compileScenario(
  graph: unknown,
  registry: NodeRegistry = defaultNodeRegistry,
): JourneyDefinition {
  const issues = validateScenario(graph, registry);
  if (issues.length > 0) throw new ScenarioInvalidError(issues);

  const { nodes, edges, settings } = scenarioGraphSchema.parse(graph);
  const listensFor = new Set<string>();
  const steps = nodes.map((node): JourneyStep => {
    const definition = registry.get(node.type, node.typeVersion)!; // validated above
    const next = edges
      .filter((edge) => edge.source === node.id)
      .map((edge) => [edge.sourcePort, edge.target]);
    const config = definition.configSchema.parse(node.config);
    for (const name of definition.listensFor?.(config) ?? []) listensFor.add(name);
    return {
      id: node.id,
      type: node.type,
      typeVersion: definition.version,
      kind: definition.kind,
      config,
      next: Object.fromEntries(next) as Record<string, string>,
      ...executionPolicy(definition),
    };
  });
  const trigger = steps.find((step) => step.kind === 'trigger')!; // exactly one, validated above
  const entryEvent = registry.get(trigger.type, trigger.typeVersion)!.entryEvent?.(trigger.config);
  return {
    formatVersion: 2,
    entryStepId: trigger.id,
    steps: Object.fromEntries(steps.map((step) => [step.id, step])),
    ...(entryEvent ? { entryEvent } : {}),
    entry: compileEntryRules(settings.entry),
    exitCriteria: settings.exitCriteria.map(compileExitCriterion),
    listensFor: [...listensFor].sort(),
  };
}

/** A node's own timeout, retries and error port, completed with the engine's defaults. */
function executionPolicy(node: AnyNodeDefinition): { execution?: StepExecutionPolicy } {
  const { timeoutSeconds, retry, errorPort } = node;
  if (timeoutSeconds === undefined && retry === undefined && errorPort === undefined) return {};
  const initialIntervalMs = retry
    ? retry.initialIntervalSeconds * 1000
    : DEFAULT_STEP_EXECUTION.retry.initialIntervalMs;
  return {
    execution: {
      timeoutMs: timeoutSeconds === undefined ? DEFAULT_STEP_EXECUTION.timeoutMs : timeoutSeconds * 1000,
      retry: {
        maximumAttempts: retry?.maxAttempts ?? 0,
        initialIntervalMs,
        maximumIntervalMs:
          retry?.maximumIntervalSeconds !== undefined
            ? retry.maximumIntervalSeconds * 1000
            : Math.max(initialIntervalMs, DEFAULT_STEP_EXECUTION.retry.maximumIntervalMs),
      },
      ...(errorPort === undefined ? {} : { errorPort }),
    },
  };
}
