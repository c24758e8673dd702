import { type Pool } from 'pg';

export interface ConsentRecord {
  status: 'granted' | 'revoked';
  source?: string;
  at: string;
}

export interface JourneyProfile {
  id: string;
  userId: string;
  email: string | null;
  traits: Record<string, unknown>;
  consents: Partial<Record<'email' | 'sms' | 'push', ConsentRecord>>;
}

/**
 * The profile as conditions and templates see it: traits at the top level (`profile.country`,
 * `profile.firstName`), with the well-known fields winning over a trait of the same name.
 */
export function profileView(profile: JourneyProfile): Record<string, unknown> {
  return { ...profile.traits, id: profile.id, userId: profile.userId, email: profile.email };
}

export class ProfileStore {
  constructor(private readonly pool: Pool) {}

  /**
   * Read fresh at each step: a condition or a send must see the data as it is now. A merged-away
   * profile resolves to its survivor; an erased one to nothing.
   */
  async load(profileId: string): Promise<JourneyProfile | null> {
    const { rows } = await this.pool.query(
      `SELECT p.id, p.external_id AS "userId", p.email, p.traits, p.consents
       FROM profiles m JOIN profiles p ON p.id = COALESCE(m.merged_into, m.id)
       WHERE m.id = $1 AND p.erased_at IS NULL`,
      [profileId],
    );
    return rows[0] ?? null;
  }
}
