import 'server-only';
import { apiGet, type ApiResult } from '@/lib/api/client';
import type { Template } from './types';

const enc = encodeURIComponent;

export function listTemplates(): Promise<ApiResult<Template[]>> {
  return apiGet<Template[]>('/templates');
}

/** The latest version, or the one asked for. */
export function getTemplate(id: string, version?: number): Promise<ApiResult<Template>> {
  return apiGet<Template>(version ? `/templates/${enc(id)}/versions/${version}` : `/templates/${enc(id)}`);
}
