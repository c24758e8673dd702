import { defaultNodeRegistry, type NodeRegistry } from '../nodes/registry';
import { type ScenarioGraph } from './scenario-graph';

/** A segment a scenario names, with where (in the graph JSON) it is named. */
export interface ScenarioSegmentReference {
  nodeId?: string;
  path: (string | number)[];
  segmentId: string;
}

/**
 * Every segment a valid scenario names: in its nodes' configs (triggers, conditions), its audience
 * and its exit criteria. Publishing checks each exists, so that a typo is an error at publish
 * rather than a journey nobody ever enters.
 */
export function scenarioSegmentReferences(
  graph: ScenarioGraph,
  registry: NodeRegistry = defaultNodeRegistry,
): ScenarioSegmentReference[] {
  const references: ScenarioSegmentReference[] = graph.nodes.flatMap((node, index) => {
    const definition = registry.get(node.type, node.typeVersion);
    if (!definition?.segments) return [];
    return definition.segments(definition.configSchema.parse(node.config)).map(({ path, segmentId }) => ({
      nodeId: node.id,
      path: ['nodes', index, 'config', ...path],
      segmentId,
    }));
  });
  const { entry, exitCriteria } = graph.settings;
  if (entry.audienceSegmentId) {
    references.push({ path: ['settings', 'entry', 'audienceSegmentId'], segmentId: entry.audienceSegmentId });
  }
  exitCriteria.forEach((criterion, index) => {
    if (criterion.kind === 'segment.exited') {
      references.push({
        path: ['settings', 'exitCriteria', index, 'segmentId'],
        segmentId: criterion.segmentId,
      });
    }
  });
  return references;
}
