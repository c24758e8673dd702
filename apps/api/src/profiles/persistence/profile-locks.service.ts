import { ConflictException, Injectable } from '@nestjs/common';
import { type Identity } from '@parcours/domain';
import { type EntityManager } from 'typeorm';
import { ProfileResolver } from '../identity/profile-resolver.service';

/**
 * Locks whole profiles for a merge or an erasure, until the transaction ends. The profile rows
 * alone are not enough: ingestion finds a profile through its identities without touching the row,
 * so a track call racing an erasure could land its event (and re-insert its identity) on the erased
 * profile. Taking the resolver's identity locks makes such a call wait, then resolve afresh.
 */
@Injectable()
export class ProfileLocks {
  constructor(private readonly resolver: ProfileResolver) {}

  async lock(manager: EntityManager, workspaceId: string, profileIds: string[]): Promise<void> {
    const locked = new Set<string>();
    const unlocked = async () =>
      (
        (await manager.query(`SELECT kind, value FROM profile_identities WHERE profile_id = ANY($1)`, [
          profileIds,
        ])) as Identity[]
      ).filter((i) => !locked.has(`${i.kind}:${i.value}`));
    // An identity added between reading and locking is caught by the next pass.
    for (let fresh = await unlocked(); fresh.length > 0; fresh = await unlocked()) {
      await this.resolver.lockIdentities(manager, workspaceId, fresh);
      for (const i of fresh) locked.add(`${i.kind}:${i.value}`);
    }
    await manager.query(`SELECT id FROM profiles WHERE id = ANY($1) ORDER BY id FOR UPDATE`, [profileIds]);
    // A merge that committed just before the row lock may have brought identities we do not hold;
    // taking them now could deadlock with a resolver, so give up instead.
    if ((await unlocked()).length > 0) {
      throw new ConflictException('The profile changed while it was being locked (merged into): retry');
    }
  }
}
