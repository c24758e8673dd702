'use server';

import { actionError, type ActionResult } from '@/lib/api/action-error';
import { apiRequest } from '@/lib/api/client';
import type { DryRun } from './types';

/** The path a customer would take through a published version now (nothing sent or changed). */
export async function dryRunAction(
  scenarioId: string,
  profileId: string,
  version: number | null,
): Promise<ActionResult<DryRun>> {
  const result = await apiRequest<DryRun>('POST', `/scenarios/${encodeURIComponent(scenarioId)}/dry-run`, {
    profileId,
    ...(Number.isInteger(version) && (version as number) > 0 ? { version } : {}),
  });
  return result.ok ? { ok: true, data: result.data } : actionError(result.error);
}
