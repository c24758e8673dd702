import {
  type Conversion,
  conversionOf,
  type EventTriggerMatcher,
  matchesEventTrigger,
} from '@parcours/domain/journey';
import { type Pool } from 'pg';

/** Events read per look-up; a customer with more candidate events in the window is an outlier. */
const SCAN_LIMIT = 1_000;

/** The customer's stored events, as goal steps read them. */
export class EventHistory {
  constructor(private readonly pool: Pool) {}

  /**
   * The first event matching `matcher` that happened between `since` and `until`, on the customer
   * (or the survivor they were merged into, which their events moved to).
   */
  async firstConversion(
    profileId: string,
    matcher: EventTriggerMatcher & { revenueProperty?: string },
    since: Date,
    until: Date,
  ): Promise<Conversion | null> {
    const { rows } = await this.pool.query(
      `SELECT e.id, e.name, e.properties, e.occurred_at FROM events e
       WHERE e.profile_id = (SELECT COALESCE(m.merged_into, m.id) FROM profiles m WHERE m.id = $1)
         AND e.name = $2 AND e.occurred_at >= $3 AND e.occurred_at <= $4
       ORDER BY e.occurred_at LIMIT ${SCAN_LIMIT}`,
      [profileId, matcher.event, since, until],
    );
    const match = rows.find((row) => matchesEventTrigger(matcher, row));
    if (!match) return null;
    return conversionOf(
      { id: match.id, occurredAt: new Date(match.occurred_at).toISOString(), properties: match.properties },
      matcher.revenueProperty,
    );
  }
}
