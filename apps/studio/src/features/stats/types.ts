// `GET /scenarios/:id/stats`: its shape is the domain's, shared with the API that computes it.
export type { MessageCounts, NodeStats, ScenarioStats } from '@parcours/domain/journey';

/** Time ranges the overlay offers, ending now. */
export const STATS_RANGES = ['1h', '24h', '7d', '30d'] as const;
export type StatsRange = (typeof STATS_RANGES)[number];

export interface StatsQuery {
  /** A published version, or every version. */
  version: number | null;
  range: StatsRange;
}

/** Scenarios that have run, or still run: their canvases show the live stats from the start. */
export function statsShownFromStart(status: string): boolean {
  return status === 'live' || status === 'paused' || status === 'stopped';
}
