import 'server-only';
import { apiGet, type ApiResult } from '@/lib/api/client';
import type { ScenarioTemplateSummary } from './types';

export function listScenarioTemplates(): Promise<ApiResult<ScenarioTemplateSummary[]>> {
  return apiGet<ScenarioTemplateSummary[]>('/scenario-templates');
}
