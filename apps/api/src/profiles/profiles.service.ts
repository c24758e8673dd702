import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { type Identity } from '@parcours/domain';
import { DataSource, Repository } from 'typeorm';
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
    @InjectRepository(ProfileEntity) private readonly profiles: Repository<ProfileEntity>,
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

  async get(workspaceId: string, userId: string): Promise<ProfileEntity> {
    const profile = await this.profiles.findOneBy({ workspaceId, externalId: userId });
    if (!profile) throw new NotFoundException(`Profile ${userId} not found`);
    return profile;
  }
}
