import { type ProfileChange, type ProfileSnapshot } from '@parcours/domain';
import { type Pool } from 'pg';

// A merged-away profile resolves to its survivor; an erased one to nothing.
const SURVIVOR = `profiles m JOIN profiles p ON p.id = COALESCE(m.merged_into, m.id)
                  WHERE m.id = $1 AND p.erased_at IS NULL`;

export class ProfileStore {
  constructor(private readonly pool: Pool) {}

  /** Read fresh at each step: a condition or a send must see the data as it is now. */
  async load(profileId: string): Promise<ProfileSnapshot | null> {
    const { rows } = await this.pool.query(
      `SELECT p.id, p.external_id AS "userId", p.email, p.phone, p.traits->>'timezone' AS timezone,
              p.traits, p.computed_traits AS computed, p.consents
       FROM ${SURVIVOR}`,
      [profileId],
    );
    return rows[0] ?? null;
  }

  /**
   * Applies a journey step's change to the profile once: the step's effect row and the update
   * commit together, so a retried activity finds the row and changes nothing.
   */
  async applyOnce(
    step: { journeyId: string; nodeId: string; iteration: number },
    profileId: string,
    change: ProfileChange,
  ): Promise<'applied' | 'already_applied' | 'profile_gone'> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const claimed = await client.query(
        `INSERT INTO step_effects (journey_id, node_id, iteration, result) VALUES ($1, $2, $3, $4)
         ON CONFLICT DO NOTHING`,
        [step.journeyId, step.nodeId, step.iteration, { change }],
      );
      if (claimed.rowCount === 0) {
        await client.query('ROLLBACK');
        return 'already_applied';
      }
      const increments = Object.entries(change.increment ?? {});
      const updated = await client.query(
        `UPDATE profiles p SET
           traits = (p.traits - $3::text[]) || $2::jsonb || COALESCE((
             SELECT jsonb_object_agg(k, to_jsonb(COALESCE(CASE WHEN jsonb_typeof(p.traits->k) = 'number'
                                                   THEN (p.traits->>k)::numeric END, 0) + d))
             FROM unnest($4::text[], $5::numeric[]) AS i(k, d)), '{}'::jsonb),
           updated_at = now()
         FROM profiles m WHERE m.id = $1 AND p.id = COALESCE(m.merged_into, m.id) AND p.erased_at IS NULL`,
        [
          profileId,
          change.set ?? {},
          change.unset ?? [],
          increments.map(([k]) => k),
          increments.map(([, d]) => d),
        ],
      );
      if (updated.rowCount === 0) {
        await client.query('ROLLBACK');
        return 'profile_gone';
      }
      await client.query('COMMIT');
      return 'applied';
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }
}
