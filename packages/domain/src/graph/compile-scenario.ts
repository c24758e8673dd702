import type { JourneyDefinition, JourneyStep } from '../journey/definition';
import { defaultNodeRegistry, type NodeRegistry } from '../nodes/registry';
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
    const definition = registry.get(node.type)!; // validated above
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
    };
  });
  const trigger = steps.find((step) => step.kind === 'trigger')!; // exactly one, validated above
  const entryEvent = registry.get(trigger.type)!.entryEvent?.(trigger.config);
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
