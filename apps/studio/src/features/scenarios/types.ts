import type { ScenarioGraph } from '../canvas/types';

/** What the API may answer; the engine's lifecycle adds paused and stopped. */
export type ScenarioStatus = 'draft' | 'live' | 'paused' | 'stopped' | 'archived';

export interface ScenarioSummary {
  id: string;
  name: string;
  status: ScenarioStatus;
  currentVersion: number | null;
  createdAt: string;
  updatedAt: string;
}

export interface ScenarioDetail extends ScenarioSummary {
  /** The draft graph. */
  graph: ScenarioGraph;
}

export interface VersionSummary {
  id: string;
  version: number;
  publishedAt: string;
}

export interface ScenarioVersion extends VersionSummary {
  graph: ScenarioGraph;
}
