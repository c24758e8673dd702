'use server';

import { redirect } from 'next/navigation';
import { actionError } from '@/lib/api/action-error';
import { apiRequest } from '@/lib/api/client';
import type { ScenarioDetail } from '../scenarios/types';

export interface ImportTemplateState {
  error?: string;
  /** The template the error is about. */
  templateId?: string;
}

/** A new draft from the template the pressed button names, then straight to its canvas. */
export async function importScenarioTemplateAction(
  _previous: ImportTemplateState,
  form: FormData,
): Promise<ImportTemplateState> {
  const templateId = String(form.get('template') ?? '');
  const result = await apiRequest<ScenarioDetail>(
    'POST',
    `/scenario-templates/${encodeURIComponent(templateId)}/import`,
    {},
  );
  if (!result.ok) return { error: (await actionError(result.error)).error, templateId };
  redirect(`/scenarios/${encodeURIComponent(result.data.id)}`);
}
