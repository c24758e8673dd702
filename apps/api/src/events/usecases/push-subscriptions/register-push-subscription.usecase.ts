import { Injectable } from '@nestjs/common';
import { type Identity } from '@parcours/domain';
import { DataSource } from 'typeorm';
import { ConcurrentChange, retryingTransaction } from '../../../database/retry-transaction';
import { JourneyExits } from '../../../journeys/journey-exits.service';
import { ProfileResolver } from '../../../profiles/identity/profile-resolver.service';
import { IngestionRepository } from '../../persistence/ingestion.repository';
import {
  type PushSubscriptionToSave,
  PushSubscriptionsRepository,
} from '../../persistence/push-subscriptions.repository';

export interface RegisterPushSubscriptionCommand {
  workspaceId: string;
  userId?: string | null;
  anonymousId?: string | null;
  subscription: PushSubscriptionToSave;
}

/**
 * A browser subscribed to Web Push: the subscription belongs to the profile the ids resolve to, as
 * a Segment call's would (created, or anonymous profiles merged, as needed), in one transaction. The
 * same endpoint registered again (another user on the same browser) moves to the latest profile.
 */
@Injectable()
export class RegisterPushSubscriptionUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly resolver: ProfileResolver,
    private readonly ingestion: IngestionRepository,
    private readonly subscriptions: PushSubscriptionsRepository,
    private readonly exits: JourneyExits,
  ) {}

  async execute({ workspaceId, userId, anonymousId, subscription }: RegisterPushSubscriptionCommand) {
    const identities: Identity[] = [];
    if (userId) identities.push({ kind: 'user_id', value: userId });
    if (anonymousId) identities.push({ kind: 'anonymous_id', value: anonymousId });
    const exited = await retryingTransaction(() =>
      this.dataSource.transaction(async (manager) => {
        const { profileId, merges } = await this.resolver.resolve(manager, workspaceId, identities);
        // Key-share locked until commit, as ingestion does: a merge or erasure of this profile waits,
        // then moves or deletes the subscription too; one that got there first means starting over.
        const { merged, erased } = await this.ingestion.pin(manager, [profileId]);
        if (erased || merged.length > 0) {
          throw new ConcurrentChange(
            'The profile was merged or erased while the subscription was registered',
          );
        }
        await this.subscriptions.save(manager, workspaceId, profileId, subscription);
        return merges.flatMap((merge) => merge.exitedJourneys);
      }),
    );
    // Merged duplicates were marked exited in the committed transaction; now stop their workflows.
    if (exited.length > 0) await this.exits.terminate(exited, 'merged');
  }
}
