import { Injectable } from '@nestjs/common';
import { type ConsentChannel, type ConsentRecord } from '@parcours/domain';
import { type EntityManager } from 'typeorm';

export interface ProfileChange {
  /** Validated traits (well-known ones normalised); merged key by key into the profile's. */
  traits?: Record<string, unknown>;
  consents?: Partial<Record<ConsentChannel, { status: 'granted' | 'revoked'; source?: string }>>;
}

/** Applies traits and consent decisions to a resolved profile, keeping the consent history. */
@Injectable()
export class ProfileWriter {
  async apply(
    manager: EntityManager,
    workspaceId: string,
    profileId: string,
    change: ProfileChange,
  ): Promise<void> {
    const at = new Date().toISOString();
    const consents: Partial<Record<ConsentChannel, ConsentRecord>> = Object.fromEntries(
      Object.entries(change.consents ?? {}).map(([channel, c]) => [channel, { ...c, at }]),
    );
    const traits = change.traits ?? {};
    await manager.query(
      `UPDATE profiles SET traits = traits || $2, email = COALESCE($3, email), phone = COALESCE($4, phone),
              consents = consents || $5, updated_at = now()
       WHERE id = $1`,
      [profileId, traits, traits.email ?? null, traits.phone ?? null, consents],
    );
    for (const [channel, record] of Object.entries(consents)) {
      await manager.query(
        `INSERT INTO consent_history (workspace_id, profile_id, channel, status, source, at) VALUES ($1, $2, $3, $4, $5, $6)`,
        [workspaceId, profileId, channel, record.status, record.source ?? null, record.at],
      );
    }
  }
}
