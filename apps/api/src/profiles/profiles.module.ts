import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { MergeProfilesService } from './identity/merge-profiles.service';
import { ProfileResolver } from './identity/profile-resolver.service';
import { ProfileEntity } from './profile.entity';
import { ProfileWriter } from './profile-writer.service';
import { ProfilesController } from './profiles.controller';
import { ProfilesService } from './profiles.service';

/** The single customer view: identities, traits, consents, merges. */
@Module({
  imports: [TypeOrmModule.forFeature([ProfileEntity])],
  controllers: [ProfilesController],
  providers: [ProfilesService, ProfileResolver, MergeProfilesService, ProfileWriter],
  exports: [ProfilesService, ProfileResolver, MergeProfilesService, ProfileWriter],
})
export class ProfilesModule {}
