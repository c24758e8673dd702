import { Module } from '@nestjs/common';
import { JourneysModule } from '../journeys/journeys.module';
import { ProfileLocks } from './persistence/profile-locks.service';
import { ProfileRecords } from './persistence/profile-records.repository';
import { ProfilesController } from './profiles.controller';
import { ProfilesModule } from './profiles.module';
import { ProfileRefs } from './refs/profile-refs.service';
import { EraseProfileUseCase } from './usecases/erase-profile/erase-profile.usecase';
import { ExportProfileUseCase } from './usecases/export-profile/export-profile.usecase';
import { FindProfileUseCase } from './usecases/find-profile/find-profile.usecase';
import { GetProfileUseCase } from './usecases/get-profile/get-profile.usecase';
import { ListProfileEventsUseCase } from './usecases/list-profile-events/list-profile-events.usecase';
import { MergeProfilesUseCase } from './usecases/merge-profiles/merge-profiles.usecase';

/**
 * The `/profiles` routes: upsert, the 360 view and timeline, lookup, merge by API, GDPR export and
 * erasure. Merges and erasures end journeys, hence JourneysModule (and Temporal): only the API
 * process loads this module.
 */
@Module({
  imports: [ProfilesModule, JourneysModule],
  controllers: [ProfilesController],
  providers: [
    ProfileRefs,
    ProfileRecords,
    ProfileLocks,
    GetProfileUseCase,
    FindProfileUseCase,
    ListProfileEventsUseCase,
    MergeProfilesUseCase,
    ExportProfileUseCase,
    EraseProfileUseCase,
  ],
})
export class ProfilesApiModule {}
