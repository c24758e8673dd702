import { type ScenarioGraph } from '@parcours/domain';
import { type ScenarioEntity } from './scenario.entity';
import { type ScenarioVersionEntity } from './scenario-version.entity';

/** The HTTP shapes of scenarios; entities never leave the API as they are. */
export function presentScenarioSummary(s: ScenarioEntity) {
  return {
    id: s.id,
    name: s.name,
    status: s.status,
    currentVersion: s.currentVersion,
    createdAt: s.createdAt.toISOString(),
    updatedAt: s.updatedAt.toISOString(),
  };
}

export function presentScenario(s: ScenarioEntity): ReturnType<typeof presentScenarioSummary> & {
  graph: ScenarioGraph;
} {
  return { ...presentScenarioSummary(s), graph: s.draft };
}

export function presentVersionSummary(v: ScenarioVersionEntity) {
  return { id: v.id, version: v.version, publishedAt: v.publishedAt.toISOString() };
}

export function presentVersion(v: ScenarioVersionEntity) {
  return { ...presentVersionSummary(v), graph: v.graph };
}
