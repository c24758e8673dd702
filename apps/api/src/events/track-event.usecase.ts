import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ProfileResolver } from '../profiles/identity/profile-resolver.service';
import { type TrackDto } from './dtos/track.dto';
import { OUTBOX_CHANNEL } from './outbox';

@Injectable()
export class TrackEventUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly profiles: ProfileResolver,
  ) {}

  /**
   * Stores the event and its outbox row in one transaction: once this returns, the journeys it
   * triggers will start even if this process dies the next instant. A repeated `messageId` is a
   * client retry and stores nothing.
   */
  async execute(workspaceId: string, call: TrackDto): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const eventId = randomUUID();
      if (call.messageId) {
        const fresh = await manager.query(
          `INSERT INTO event_message_ids (workspace_id, message_id, event_id) VALUES ($1, $2, $3)
           ON CONFLICT DO NOTHING RETURNING event_id`,
          [workspaceId, call.messageId, eventId],
        );
        if (fresh.length === 0) return;
      }
      const { profileId } = await this.profiles.resolve(manager, workspaceId, [
        { kind: 'user_id', value: call.userId },
      ]);
      await manager.query(
        `INSERT INTO events (id, workspace_id, profile_id, type, name, properties, message_id, occurred_at)
         VALUES ($1, $2, $3, 'track', $4, $5, $6, COALESCE($7::timestamptz, now()))`,
        [
          eventId,
          workspaceId,
          profileId,
          call.event,
          call.properties,
          call.messageId ?? null,
          call.timestamp ?? null,
        ],
      );
      await manager.query(`INSERT INTO event_outbox (event_id, workspace_id) VALUES ($1, $2)`, [
        eventId,
        workspaceId,
      ]);
      await manager.query(`SELECT pg_notify($1, '')`, [OUTBOX_CHANNEL]);
    });
  }
}
