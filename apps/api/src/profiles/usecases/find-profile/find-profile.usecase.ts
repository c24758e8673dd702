import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ProfileRecords } from '../../persistence/profile-records.repository';
import { type ProfileRef } from '../../refs/profile-ref';
import { ProfileRefs } from '../../refs/profile-refs.service';

export interface FindProfileCommand {
  workspaceId: string;
  identity: ProfileRef;
}

/** Who holds this identity: the profile's summary, or 404. */
@Injectable()
export class FindProfileUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly refs: ProfileRefs,
    private readonly records: ProfileRecords,
  ) {}

  async execute({ workspaceId, identity }: FindProfileCommand) {
    return this.dataSource.transaction('REPEATABLE READ', async (db) => {
      const { profileId, mergedFrom } = await this.refs.resolve(db, workspaceId, identity);
      const { computedTraits: _computed, ...profile } = await this.records.profile(db, profileId);
      return { ...profile, mergedFrom };
    });
  }
}
