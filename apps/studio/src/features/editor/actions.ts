'use server';

import { actionError, type ActionResult } from '@/lib/api/action-error';
import { apiRequest } from '@/lib/api/client';
import type { ScenarioGraph } from '../canvas/types';
import type { ValidationIssue } from './graph-rules';

const enc = encodeURIComponent;

export interface DraftValidation {
  valid: boolean;
  errors: ValidationIssue[];
  /** Output ports of each node whose config is valid, by node id. */
  ports: Record<string, string[]>;
}

/** Saves the draft (drafts may be invalid), then asks the API what is wrong with it. */
export async function saveDraftAction(
  scenarioId: string,
  graph: ScenarioGraph,
): Promise<ActionResult<{ updatedAt: string; validation: DraftValidation }>> {
  const saved = await apiRequest<{ updatedAt: string }>('PUT', `/scenarios/${enc(scenarioId)}`, { graph });
  if (!saved.ok) return actionError(saved.error);
  const validation = await apiRequest<DraftValidation>('POST', `/scenarios/${enc(scenarioId)}/validate`);
  if (!validation.ok) return actionError(validation.error);
  return { ok: true, data: { updatedAt: saved.data.updatedAt, validation: validation.data } };
}

export async function validateDraftAction(scenarioId: string): Promise<ActionResult<DraftValidation>> {
  const validation = await apiRequest<DraftValidation>('POST', `/scenarios/${enc(scenarioId)}/validate`);
  return validation.ok ? { ok: true, data: validation.data } : actionError(validation.error);
}

export async function publishAction(scenarioId: string): Promise<ActionResult<{ version: number }>> {
  const published = await apiRequest<{ version: number }>('POST', `/scenarios/${enc(scenarioId)}/publish`);
  return published.ok
    ? { ok: true, data: { version: published.data.version } }
    : actionError(published.error);
}
