import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { type EntityManager, Repository } from 'typeorm';
import { type Consents, type UpsertProfileDto } from './dtos/profile.dto';
import { ProfileEntity } from './profile.entity';

@Injectable()
export class ProfilesService {
  constructor(@InjectRepository(ProfileEntity) private readonly profiles: Repository<ProfileEntity>) {}

  /**
   * Creates or updates in one statement, so concurrent writers for one customer never create two
   * profiles. Traits merge key by key; consents merge channel by channel, each stamped with when.
   */
  async upsert(
    workspaceId: string,
    externalId: string,
    change: Pick<UpsertProfileDto, 'email' | 'traits' | 'consents'>,
    manager: EntityManager = this.profiles.manager,
  ): Promise<ProfileEntity> {
    const at = new Date().toISOString();
    const consents: Consents = Object.fromEntries(
      Object.entries(change.consents).map(([channel, consent]) => [channel, { ...consent, at }]),
    );
    const rows: unknown[] = await manager.query(
      `INSERT INTO profiles (workspace_id, external_id, email, traits, consents)
       VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (workspace_id, external_id) DO UPDATE SET
         email = COALESCE(EXCLUDED.email, profiles.email),
         traits = profiles.traits || EXCLUDED.traits,
         consents = profiles.consents || EXCLUDED.consents,
         updated_at = now()
       RETURNING id`,
      [workspaceId, externalId, change.email ?? null, change.traits, consents],
    );
    const [{ id }] = rows as { id: string }[];
    return manager.getRepository(ProfileEntity).findOneByOrFail({ id });
  }

  async get(workspaceId: string, externalId: string): Promise<ProfileEntity> {
    const profile = await this.profiles.findOneBy({ workspaceId, externalId });
    if (!profile) throw new NotFoundException(`Profile ${externalId} not found`);
    return profile;
  }
}
