import { Injectable } from '@nestjs/common';
import { type ConsentChannel, type ConsentRecord } from '@parcours/domain';
import { type EntityManager } from 'typeorm';

/** One channel's consent decision, e.g. `{ channel: 'sms', status: 'revoked', source: 'sms_keyword:STOP' }`. */
export interface ConsentChange {
  channel: ConsentChannel;
  status: 'granted' | 'revoked';
  /** Who or what decided, kept in the consent history. */
  source: string;
}

export type ConsentChangeResult =
  { changed: true; previous: string | null } | { changed: false; reason: 'unchanged' | 'profile_gone' };

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

  /**
   * A customer's own decision on one channel, in the caller's transaction: the profile row is locked
   * so concurrent decisions (two clicks, a click and a bounce) are taken once. Nothing happens when
   * the consent already has that status (providers repeat webhooks), nor for a profile merged away
   * or erased. The caller records the matching event when it changed.
   */
  async changeConsent(
    manager: EntityManager,
    workspaceId: string,
    profileId: string,
    change: ConsentChange,
  ): Promise<ConsentChangeResult> {
    const [profile]: { status: string | null }[] = await manager.query(
      `SELECT consents->$3->>'status' AS status FROM profiles
       WHERE id = $1 AND workspace_id = $2 AND merged_into IS NULL AND erased_at IS NULL
       FOR NO KEY UPDATE`,
      [profileId, workspaceId, change.channel],
    );
    if (!profile) return { changed: false, reason: 'profile_gone' };
    if (profile.status === change.status) return { changed: false, reason: 'unchanged' };
    await this.apply(manager, workspaceId, profileId, {
      consents: { [change.channel]: { status: change.status, source: change.source } },
    });
    return { changed: true, previous: profile.status };
  }
}
