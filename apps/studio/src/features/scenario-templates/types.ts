/** `GET /scenario-templates`: a ready-made scenario and what importing it sets up. */
export interface ScenarioTemplateSummary {
  id: string;
  brand: string;
  name: string;
  description: string;
  /** Where it comes from in the playbooks, e.g. "Seed 002, scenario 2". */
  source: string;
  /** Names of the segments it reads, created on import unless the workspace has them. */
  segments: string[];
  /** Keys of the computed traits it reads, declared on import unless already there. */
  computedTraits: string[];
}
