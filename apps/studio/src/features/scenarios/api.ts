import 'server-only';
import { cache } from 'react';
import { type ApiError, apiGet, type ApiResult } from '@/lib/api/client';
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

/** 404, or 400 for an id the API cannot even parse (ids are UUIDs): either way, nothing there. */
export function isMissing(error: ApiError): boolean {
  return error.kind === 'not-found' || error.kind === 'invalid';
}
