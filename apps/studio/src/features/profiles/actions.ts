'use server';

import { actionError, type ActionResult } from '@/lib/api/action-error';
import { apiRequest } from '@/lib/api/client';
import type { JourneyPath } from './types';

const enc = encodeURIComponent;

/** The steps one journey went through, read when someone opens it. */
export async function journeyPathAction(journeyId: string): Promise<ActionResult<JourneyPath>> {
  const result = await apiRequest<JourneyPath>('GET', `/journeys/${enc(journeyId)}`);
  return result.ok ? { ok: true, data: result.data } : actionError(result.error);
}

/** GDPR erasure: the person's data deleted and their journeys stopped, for good. */
export async function eraseProfileAction(profileId: string): Promise<ActionResult> {
  const result = await apiRequest('DELETE', `/profiles/${enc(`id:${profileId}`)}`);
  return result.ok ? { ok: true, data: undefined } : actionError(result.error);
}
