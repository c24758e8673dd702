import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ProfileRecords } from '../../persistence/profile-records.repository';
import { type ProfileRef } from '../../refs/profile-ref';
import { ProfileRefs } from '../../refs/profile-refs.service';

export interface GetProfileCommand {
  workspaceId: string;
  ref: ProfileRef;
}

/** How many of each history the 360 view shows; the export has them all. */
export const PROFILE_VIEW_LIMIT = 50;

/** The single customer view: one consistent snapshot of the profile and everything around it. */
@Injectable()
export class GetProfileUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly refs: ProfileRefs,
    private readonly records: ProfileRecords,
  ) {}

  async execute({ workspaceId, ref }: GetProfileCommand) {
    return this.dataSource.transaction('REPEATABLE READ', async (db) => {
      const { profileId, mergedFrom } = await this.refs.resolve(db, workspaceId, ref);
      const scope = await this.records.scope(db, profileId);
      const { computedTraits, ...profile } = await this.records.profile(db, profileId);
      return {
        ...profile,
        mergedFrom,
        computedTraits,
        identities: await this.records.identities(db, scope),
        consentHistory: await this.records.consentHistory(db, scope, PROFILE_VIEW_LIMIT),
        segments: await this.records.segments(db, profileId),
        journeys: await this.records.journeys(db, scope, PROFILE_VIEW_LIMIT),
        messages: (await this.records.messages(db, scope, PROFILE_VIEW_LIMIT)).map(
          ({ providerMessageId: _p, attempts: _a, updatedAt: _u, ...message }) => message,
        ),
        // The keys encrypt messages to the browser: no view needs them, the export has them.
        pushSubscriptions: (await this.records.pushSubscriptions(db, scope)).map(
          ({ keys: _keys, ...subscription }) => subscription,
        ),
        merges: await this.records.merges(db, profileId, PROFILE_VIEW_LIMIT),
      };
    });
  }
}
