import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { MergeProfilesService } from './identity/merge-profiles.service';
import { ProfileResolver } from './identity/profile-resolver.service';
import { ProfileEntity } from './profile.entity';
import { ProfileSnapshots } from './profile-snapshots';
import { ProfileWriter } from './profile-writer.service';
import { ProfilesService } from './profiles.service';

/**
 * The single customer view's core: identities, traits, consents, merges. Storage only (no HTTP, no
 * Temporal), so ingestion, imports and the command-line tools can use it; the HTTP routes are in
 * ProfilesApiModule.
 */
@Module({
  imports: [TypeOrmModule.forFeature([ProfileEntity])],
  providers: [ProfilesService, ProfileResolver, MergeProfilesService, ProfileWriter, ProfileSnapshots],
  exports: [ProfilesService, ProfileResolver, MergeProfilesService, ProfileWriter, ProfileSnapshots],
})
export class ProfilesModule {}
