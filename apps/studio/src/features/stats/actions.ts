'use server';

import { actionError, type ActionResult } from '@/lib/api/action-error';
import { apiGet } from '@/lib/api/client';
import { rangeStart } from './node-figures';
import { type ScenarioStats, STATS_RANGES, type StatsQuery } from './types';

/** The counts of a scenario for a version (or all) over a range ending now. */
export async function scenarioStatsAction(
  scenarioId: string,
  { version, range }: StatsQuery,
): Promise<ActionResult<ScenarioStats>> {
  // Arguments of a server action come from the browser: checked before they make a URL.
  const known = STATS_RANGES.includes(range);
  const query = new URLSearchParams({ from: rangeStart(known ? range : '24h', new Date()).toISOString() });
  if (Number.isInteger(version) && (version as number) > 0) query.set('version', String(version));
  const result = await apiGet<ScenarioStats>(
    `/scenarios/${encodeURIComponent(scenarioId)}/stats?${query.toString()}`,
  );
  return result.ok ? { ok: true, data: result.data } : actionError(result.error);
}
