import { cache } from 'react';
import { apiGet, type ApiResult } from '@/lib/api/client';
import type { ScenarioDetail, ScenarioSummary, ScenarioVersion, VersionSummary } from './types';

const enc = encodeURIComponent;

export function listScenarios(): Promise<ApiResult<ScenarioSummary[]>> {
  return apiGet<ScenarioSummary[]>('/scenarios');
}

/** Cached per request: the page and its metadata share one call. */
export const getScenario = cache((id: string): Promise<ApiResult<ScenarioDetail>> =>
  apiGet<ScenarioDetail>(`/scenarios/${enc(id)}`),
);

export function listVersions(id: string): Promise<ApiResult<VersionSummary[]>> {
  return apiGet<VersionSummary[]>(`/scenarios/${enc(id)}/versions`);
}

export function getVersion(id: string, version: number): Promise<ApiResult<ScenarioVersion>> {
  return apiGet<ScenarioVersion>(`/scenarios/${enc(id)}/versions/${version}`);
}
