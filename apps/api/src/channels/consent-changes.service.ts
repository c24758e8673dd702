import { Injectable } from '@nestjs/common';
import { CONSENT_REVOKED_EVENT } from '@parcours/domain';
import { randomUUID } from 'node:crypto';
import { type EntityManager } from 'typeorm';
import { IngestionRepository } from '../events/persistence/ingestion.repository';
import {
  type ConsentChange,
  type ConsentChangeResult,
  ProfileWriter,
} from '../profiles/profile-writer.service';

export const CONSENT_GRANTED_EVENT = 'consent.granted';

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

  /** Applies `change` in the caller's transaction (see ProfileWriter.changeConsent). */
  async apply(
    manager: EntityManager,
    workspaceId: string,
    profileId: string,
    change: ConsentChange,
  ): Promise<ConsentChangeResult> {
    const result = await this.writer.changeConsent(manager, workspaceId, profileId, change);
    if (!result.changed) return result;
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
    return result;
  }
}
