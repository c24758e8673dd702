import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { type EventPosition, ProfileRecords } from '../../persistence/profile-records.repository';
import { type ProfileRef } from '../../refs/profile-ref';
import { ProfileRefs } from '../../refs/profile-refs.service';
import { encodeEventCursor } from './event-cursor';

export interface ListProfileEventsCommand {
  workspaceId: string;
  ref: ProfileRef;
  limit: number;
  before?: EventPosition;
}

/**
 * The profile's timeline, newest first, by keyset pagination on (occurred_at, id): a page costs the
 * same at the millionth event as at the first, and events arriving meanwhile never shift a page.
 */
@Injectable()
export class ListProfileEventsUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly refs: ProfileRefs,
    private readonly records: ProfileRecords,
  ) {}

  async execute({ workspaceId, ref, limit, before }: ListProfileEventsCommand) {
    const { profileId } = await this.refs.resolve(this.dataSource, workspaceId, ref);
    const rows = await this.records.events(this.dataSource, profileId, limit + 1, before);
    const page = rows.slice(0, limit);
    return {
      events: page.map(({ position: _position, ...event }) => event),
      nextCursor: rows.length > limit ? encodeEventCursor(page[page.length - 1].position) : null,
    };
  }
}
