import { emptyNodeStats } from '@parcours/domain/journey';
import type { MessageCounts, NodeStats, StatsRange } from './types';

/** A share of a whole, for "yes 8 (67 %)"; null when there is nothing to divide by. */
export type Rate = number | null;

export interface OutcomeFigure {
  outcome: string;
  count: number;
  /** Of the node's visits. */
  share: Rate;
}

/** What the canvas shows on one node, derived from its raw counts. */
export interface NodeFigures {
  entered: number;
  passed: number;
  /** Journeys waiting on the node now. */
  current: number;
  /** Journeys that ended on the node, all reasons together, and by reason. */
  ended: number;
  endedBy: OutcomeFigure[];
  /** Branches and results (`yes`/`no`, `sent`, `skipped:…`), most frequent first. */
  outcomes: OutcomeFigure[];
  /** Only for nodes that sent (or tried to send) something. */
  messages: (MessageCounts & { openRate: Rate; clickRate: Rate; unsubscribeRate: Rate }) | null;
  conversions: number;
  conversionRate: Rate;
  revenue: number;
}

const ratio = (part: number, whole: number): Rate => (whole > 0 ? part / whole : null);

const sorted = (counts: Record<string, number>, whole: number): OutcomeFigure[] =>
  Object.entries(counts)
    .filter(([, count]) => count > 0)
    .sort(([a, x], [b, y]) => y - x || a.localeCompare(b))
    .map(([outcome, count]) => ({ outcome, count, share: ratio(count, whole) }));

/**
 * Rates of a send node are over the messages delivered when the provider reports deliveries, else
 * over the messages sent (an SMTP relay without a feedback webhook never says "delivered").
 */
export function nodeFigures(stats: NodeStats): NodeFigures {
  const { messages } = stats;
  const attempted = messages.sent + messages.failed + messages.skipped;
  const base = messages.delivered > 0 ? messages.delivered : messages.sent;
  const endedTotal = Object.values(stats.ended).reduce((sum, n) => sum + n, 0);
  return {
    entered: stats.entered,
    passed: stats.passed,
    current: stats.current,
    ended: endedTotal,
    endedBy: sorted(stats.ended, endedTotal),
    outcomes: sorted(stats.outcomes, stats.entered),
    messages:
      attempted > 0
        ? {
            ...messages,
            openRate: ratio(messages.opened, base),
            clickRate: ratio(messages.clicked, base),
            unsubscribeRate: ratio(messages.unsubscribed, base),
          }
        : null,
    conversions: stats.conversions,
    conversionRate: ratio(stats.conversions, stats.entered),
    revenue: stats.revenue,
  };
}

/**
 * The figures of every node of the canvas: a node the range never reached shows zeros (not
 * nothing), a node of the stats that is not on the canvas (removed from the draft) is left out.
 */
export function figuresByNode(
  nodes: Record<string, NodeStats>,
  canvasNodeIds: readonly string[],
): Map<string, NodeFigures> {
  return new Map(canvasNodeIds.map((id) => [id, nodeFigures(nodes[id] ?? emptyNodeStats())]));
}

const HOUR_MS = 3_600_000;
const RANGE_MS: Record<StatsRange, number> = {
  '1h': HOUR_MS,
  '24h': 24 * HOUR_MS,
  '7d': 7 * 24 * HOUR_MS,
  '30d': 30 * 24 * HOUR_MS,
};

/** The `from` of a range ending now. */
export function rangeStart(range: StatsRange, now: Date): Date {
  return new Date(now.getTime() - RANGE_MS[range]);
}
