import { Injectable } from '@nestjs/common';
import { CONSENT_REVOKED_EVENT, type ConsentChannel } from '@parcours/domain';
import { randomUUID } from 'node:crypto';
import { type EntityManager } from 'typeorm';
import { IngestionRepository } from '../events/persistence/ingestion.repository';
import { ProfileWriter } from '../profiles/profile-writer.service';

export const CONSENT_GRANTED_EVENT = 'consent.granted';

export interface ConsentChange {
  channel: ConsentChannel;
  status: 'granted' | 'revoked';
  /** Who or what decided, kept in the consent history, e.g. `sms_keyword:STOP`. */
  source: string;
}

/**
 * A customer's own consent decision arriving through a channel (an SMS keyword, an unsubscribe
 * link): the profile's consent and its history change, and a `consent.revoked` / `consent.granted`
 * event lands on the timeline, so journeys with an `unsubscribed` exit criterion end at once.
 */
@Injectable()
export class ConsentChangesService {
  constructor(
    private readonly writer: ProfileWriter,
    private readonly events: IngestionRepository,
  ) {}

  /**
   * Applies `change` in the caller's transaction. Nothing happens when the consent already has
   * that status (providers repeat webhooks), nor for a profile merged away or erased.
   */
  async apply(
    manager: EntityManager,
    workspaceId: string,
    profileId: string,
    change: ConsentChange,
  ): Promise<'changed' | 'unchanged' | 'profile_gone'> {
    const [profile]: { status: string | null }[] = await manager.query(
      `SELECT consents->$3->>'status' AS status FROM profiles
       WHERE id = $1 AND workspace_id = $2 AND merged_into IS NULL AND erased_at IS NULL
       FOR UPDATE`,
      [profileId, workspaceId, change.channel],
    );
    if (!profile) return 'profile_gone';
    if (profile.status === change.status) return 'unchanged';
    await this.writer.apply(manager, workspaceId, profileId, {
      consents: { [change.channel]: { status: change.status, source: change.source } },
    });
    const now = new Date().toISOString();
    await this.events.insertEvents(
      manager,
      workspaceId,
      [
        {
          id: randomUUID(),
          profile_id: profileId,
          type: 'track',
          name: change.status === 'revoked' ? CONSENT_REVOKED_EVENT : CONSENT_GRANTED_EVENT,
          properties: { channel: change.channel, source: change.source },
          context: null,
          message_id: null,
          occurred_at: now,
        },
      ],
      new Date(now),
    );
    return 'changed';
  }
}
