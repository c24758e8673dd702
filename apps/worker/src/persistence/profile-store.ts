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

  /** Read fresh at each step: a condition or a send must see the data as it is now. */
  async load(profileId: string): Promise<JourneyProfile | null> {
    const { rows } = await this.pool.query(
      `SELECT id, external_id AS "userId", email, traits, consents FROM profiles WHERE id = $1`,
      [profileId],
    );
    return rows[0] ?? null;
  }
}
