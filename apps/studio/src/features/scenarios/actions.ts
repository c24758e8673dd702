'use server';

import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { actionError, type ActionResult } from '@/lib/api/action-error';
import { apiRequest } from '@/lib/api/client';
import type { ScenarioDetail } from './types';

const enc = encodeURIComponent;

export interface CreateScenarioState {
  error?: string;
  name?: string;
}

/** A new, empty draft, then straight to its canvas. */
export async function createScenarioAction(
  _previous: CreateScenarioState,
  form: FormData,
): Promise<CreateScenarioState> {
  const name = String(form.get('name') ?? '').trim();
  if (!name) return { error: (await getTranslations('scenarios.create'))('nameRequired'), name };
  const result = await apiRequest<ScenarioDetail>('POST', '/scenarios', { name });
  if (!result.ok) {
    const failure = await actionError(result.error);
    return { error: failure.fields?.name ?? failure.error, name };
  }
  redirect(`/scenarios/${enc(result.data.id)}`);
}

export async function duplicateScenarioAction(
  id: string,
  name: string,
): Promise<ActionResult<{ id: string }>> {
  const copyName = (await getTranslations('scenarios'))('copyOf', { name }).slice(0, 200);
  const result = await apiRequest<ScenarioDetail>('POST', `/scenarios/${enc(id)}/duplicate`, {
    name: copyName,
  });
  return result.ok ? { ok: true, data: { id: result.data.id } } : actionError(result.error);
}

export async function archiveScenarioAction(id: string): Promise<ActionResult> {
  const result = await apiRequest('DELETE', `/scenarios/${enc(id)}`);
  return result.ok ? { ok: true, data: undefined } : actionError(result.error);
}
