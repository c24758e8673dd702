import { Injectable } from '@nestjs/common';
import { type Identity } from '@parcours/domain';
import { DataSource } from 'typeorm';
import { type UpsertProfileDto } from './dtos/profile.dto';
import { ProfileResolver } from './identity/profile-resolver.service';
import { ProfileEntity } from './profile.entity';
import { ProfileWriter } from './profile-writer.service';

@Injectable()
export class ProfilesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly resolver: ProfileResolver,
    private readonly writer: ProfileWriter,
  ) {}

  /** Creates or updates the profile known by this userId (and email), in one transaction. */
  async upsert(workspaceId: string, userId: string, change: UpsertProfileDto): Promise<ProfileEntity> {
    return this.dataSource.transaction(async (manager) => {
      const traits = change.email ? { ...change.traits, email: change.email } : change.traits;
      const identities: Identity[] = [{ kind: 'user_id', value: userId }];
      if (traits.email) identities.push({ kind: 'email', value: String(traits.email) });
      if (traits.phone) identities.push({ kind: 'phone', value: String(traits.phone) });
      const { profileId } = await this.resolver.resolve(manager, workspaceId, identities);
      await this.writer.apply(manager, workspaceId, profileId, { traits, consents: change.consents });
      return manager.getRepository(ProfileEntity).findOneByOrFail({ id: profileId });
    });
  }
}
