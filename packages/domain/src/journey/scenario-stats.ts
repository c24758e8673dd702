// What `GET /scenarios/{id}/stats` answers: the API computes it, the studio's overlay reads it.

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
  /** Visits of the node in the range (a loop counts each pass). */
  entered: number;
  /** Visits finished in the range (the node did its work and moved on, or ended the journey). */
  passed: number;
  /** Active journeys on the node now (waiting, deferred, or mid-step). */
  current: number;
  /** Visits by outcome: `yes`/`no`, `sent`, `skipped:no_email_consent`, `deferred:quiet_hours`… */
  outcomes: Record<string, number>;
  /** Journeys that ended on this node, by reason (`completed`, `stopped`, `event:order.placed`…). */
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

/** A node nobody reached in the range: zeros, not nothing. */
export const emptyNodeStats = (): NodeStats => ({
  entered: 0,
  passed: 0,
  current: 0,
  outcomes: {},
  ended: {},
  messages: {
    sent: 0,
    failed: 0,
    skipped: 0,
    delivered: 0,
    opened: 0,
    clicked: 0,
    unsubscribed: 0,
    bounced: 0,
    complained: 0,
  },
  conversions: 0,
  revenue: 0,
});
