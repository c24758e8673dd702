import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ProfilesService } from '../profiles/profiles.service';
import { type TrackDto } from './dtos/track.dto';
import { OUTBOX_CHANNEL } from './outbox';

@Injectable()
export class TrackEventUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly profiles: ProfilesService,
  ) {}

  /**
   * Stores the event and its outbox row in one transaction: once this returns, the journeys it
   * triggers will start even if this process dies the next instant. A repeated `messageId` is a
   * client retry and stores nothing.
   */
  async execute(workspaceId: string, call: TrackDto): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const profile = await this.profiles.upsert(
        workspaceId,
        call.userId,
        { traits: {}, consents: {} },
        manager,
      );
      const inserted: { id: string }[] = await manager.query(
        `INSERT INTO events (workspace_id, profile_id, name, properties, message_id, occurred_at)
         VALUES ($1, $2, $3, $4, $5, COALESCE($6::timestamptz, now()))
         ON CONFLICT (workspace_id, message_id) WHERE message_id IS NOT NULL DO NOTHING
         RETURNING id`,
        [
          workspaceId,
          profile.id,
          call.event,
          call.properties,
          call.messageId ?? null,
          call.timestamp ?? null,
        ],
      );
      if (inserted.length === 0) return;
      await manager.query(`INSERT INTO event_outbox (event_id, workspace_id) VALUES ($1, $2)`, [
        inserted[0].id,
        workspaceId,
      ]);
      await manager.query(`SELECT pg_notify($1, '')`, [OUTBOX_CHANNEL]);
    });
  }
}
