// View types of `GET /scenarios/:id/stats` (apps/api/src/journeys/scenario-stats.usecase.ts).

export interface MessageCounts {
  sent: number;
  failed: number;
  skipped: number;
  delivered: number;
  opened: number;
  clicked: number;
  unsubscribed: number;
  bounced: number;
  complained: number;
}

export interface NodeStats {
  entered: number;
  passed: number;
  current: number;
  outcomes: Record<string, number>;
  ended: Record<string, number>;
  messages: MessageCounts;
  conversions: number;
  revenue: number;
}

export interface ScenarioStats {
  scenarioId: string;
  version: number | null;
  from: string;
  to: string;
  journeys: { entered: number; active: number; completed: number; exited: number };
  nodes: Record<string, NodeStats>;
}

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
