import { ConflictException, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { JourneyExits } from '../../../journeys/journey-exits.service';
import { MergeProfilesService } from '../../identity/merge-profiles.service';
import { ProfileLocks } from '../../persistence/profile-locks.service';
import { type ProfileRef } from '../../refs/profile-ref';
import { ProfileRefs } from '../../refs/profile-refs.service';

export interface MergeProfilesCommand {
  workspaceId: string;
  survivor: ProfileRef;
  merged: ProfileRef;
}

/**
 * Two known customers turn out to be one: folds `merged` into `survivor` in one transaction (see
 * MergeProfilesService for what moves and the precedence rules), then stops at once the merged
 * profile's journeys that duplicated one of the survivor's. Its other journeys carry on, on the
 * survivor's data.
 */
@Injectable()
export class MergeProfilesUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly refs: ProfileRefs,
    private readonly locks: ProfileLocks,
    private readonly merges: MergeProfilesService,
    private readonly exits: JourneyExits,
  ) {}

  async execute({ workspaceId, survivor, merged }: MergeProfilesCommand) {
    const outcome = await this.dataSource.transaction(async (manager) => {
      const resolve = async () => {
        const [s, m] = [
          await this.refs.resolveLive(manager, workspaceId, survivor),
          await this.refs.resolveLive(manager, workspaceId, merged),
        ];
        if (s.profileId === m.profileId) {
          throw new ConflictException(
            `${survivor.raw} and ${merged.raw} are the same profile (${s.profileId})` +
              (s.mergedFrom || m.mergedFrom ? ': they were merged already' : ''),
          );
        }
        return [s.profileId, m.profileId];
      };
      const [survivorId, mergedId] = await resolve();
      await this.locks.lock(manager, workspaceId, [survivorId, mergedId]);
      // A concurrent merge or erasure may have won while we waited for the locks.
      const [lockedSurvivor, lockedMerged] = await resolve();
      if (lockedSurvivor !== survivorId || lockedMerged !== mergedId) {
        throw new ConflictException('These profiles changed while merging them (merged or erased): retry');
      }
      return this.merges.merge(manager, workspaceId, survivorId, mergedId, 'api');
    });
    await this.exits.terminate(outcome.exitedJourneys, 'merged');
    return {
      survivorId: outcome.survivorId,
      mergedId: outcome.mergedId,
      moved: outcome.moved,
      exitedJourneys: outcome.exitedJourneys.map((j) => j.id),
    };
  }
}
