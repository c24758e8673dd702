import { Module } from '@nestjs/common';
import { ComputedTraitsModule } from '../computed-traits/computed-traits.module';
import { MembershipWriter } from './persistence/membership.writer';
import { SegmentsRepository } from './persistence/segments.repository';
import { ProfileRefreshQueue } from './refresh/profile-refresh.queue';
import { ProfileRefreshService } from './refresh/profile-refresh.service';
import { SegmentSweeper } from './refresh/segment-sweeper.service';
import { SegmentsController } from './segments.controller';
import { InstallCatalogUseCase } from './usecases/install-catalog/install-catalog.usecase';
import { ListMembersUseCase } from './usecases/list-members/list-members.usecase';
import { PreviewSegmentUseCase } from './usecases/preview-segment/preview-segment.usecase';
import { SaveSegmentUseCase } from './usecases/save-segment/save-segment.usecase';

/**
 * Dynamic segments: rules, materialised membership kept current by the incremental refresh (after
 * ingestion) and the sweep, membership events, and the `/segments` routes. Ingestion hands it the
 * profiles it touched through ProfileRefreshQueue.
 */
@Module({
  imports: [ComputedTraitsModule],
  controllers: [SegmentsController],
  providers: [
    SegmentsRepository,
    MembershipWriter,
    ProfileRefreshService,
    ProfileRefreshQueue,
    SegmentSweeper,
    SaveSegmentUseCase,
    PreviewSegmentUseCase,
    ListMembersUseCase,
    InstallCatalogUseCase,
  ],
  exports: [ProfileRefreshQueue, ProfileRefreshService, SegmentSweeper, InstallCatalogUseCase],
})
export class SegmentsModule {}
