'use server';

import { actionError, type ActionResult } from '@/lib/api/action-error';
import { apiRequest } from '@/lib/api/client';
import type { Rule } from './rule-draft';
import type { Segment, SegmentPreview } from './types';

const enc = encodeURIComponent;
const SAMPLE_SIZE = 10;

/** Who the draft rule matches now, without saving it; the API's field errors when it is refused. */
export async function previewSegmentAction(rule: Rule): Promise<ActionResult<SegmentPreview>> {
  const result = await apiRequest<SegmentPreview>('POST', '/segments/preview', {
    rule,
    sampleSize: SAMPLE_SIZE,
  });
  return result.ok ? { ok: true, data: result.data } : actionError(result.error);
}

export interface SegmentInput {
  name: string;
  description: string | null;
  rule: Rule;
}

/** Creates the segment (no id) or saves a new name, description or rule. */
export async function saveSegmentAction(
  id: string | null,
  input: SegmentInput,
): Promise<ActionResult<{ id: string }>> {
  const result = id
    ? await apiRequest<Segment>('PUT', `/segments/${enc(id)}`, input)
    : await apiRequest<Segment>('POST', '/segments', input);
  if (result.ok) return { ok: true, data: { id: result.data.id } };
  const failure = await actionError(result.error);
  // A 409 here is always the name: another active segment has it.
  const conflict = result.error.kind === 'http' && result.error.status === 409;
  return conflict ? { ...failure, fields: { name: failure.error } } : failure;
}
