import type { ComputedTraitDefinition } from '../computed-traits/computed-trait-definition';
import type { ScenarioGraphInput } from '../graph/scenario-graph';
import type { SegmentRule } from '../segments/segment-rule';

/** A segment a template's scenario reads, created in the workspace on import unless one has its name. */
export interface TemplateSegment {
  name: string;
  description: string;
  rule: SegmentRule;
}

/**
 * A ready-made scenario ("start from a template"): its graph, and the segments and computed traits
 * it needs, installed with it. Segment ids are workspace-specific, so the graph is built from them.
 */
export interface ScenarioTemplate<SegmentKey extends string = string> {
  /** Stable, URL-safe: `POST /scenarios/from-template` names it. */
  id: string;
  brand: string;
  name: string;
  /** One sentence, for the template picker and docs/scenarios.md. */
  description: string;
  /** Where it comes from in the brief (seed 002 scenario, seed 000 campaign). */
  source: string;
  computedTraits: ComputedTraitDefinition[];
  segments: Record<SegmentKey, TemplateSegment>;
  graph(segmentIds: Record<SegmentKey, string>): ScenarioGraphInput;
}

export const defineScenarioTemplate = <SegmentKey extends string>(
  template: ScenarioTemplate<SegmentKey>,
): ScenarioTemplate => template as unknown as ScenarioTemplate;

/** An edge, named after where it leaves from (one edge per port). */
export const edge = (source: string, sourcePort: string, target: string) => ({
  id: `${source}-${sourcePort}`,
  source,
  sourcePort,
  target,
});
