import { type Pool } from 'pg';

/** Materialised segment membership, maintained by the API's segments module. */
export class SegmentMemberships {
  constructor(private readonly pool: Pool) {}

  /** Membership of the customer, or of the survivor when the profile was merged away. */
  async isMember(segmentId: string, profileId: string): Promise<boolean> {
    const { rows } = await this.pool.query(
      `SELECT EXISTS (
         SELECT 1 FROM segment_memberships s JOIN profiles m ON m.id = $2
         WHERE s.segment_id = $1 AND s.profile_id = COALESCE(m.merged_into, m.id)) AS member`,
      [segmentId, profileId],
    );
    return rows[0].member;
  }
}
