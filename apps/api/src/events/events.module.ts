import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { JourneysModule } from '../journeys/journeys.module';
import { ProfilesModule } from '../profiles/profiles.module';
import { SegmentsModule } from '../segments/segments.module';
import { EventEntity } from './event.entity';
import { IngestionKeyGuard } from './ingestion-key.guard';
import { IngestionController } from './ingestion.controller';
import { IngestionRepository } from './persistence/ingestion.repository';
import { KnownIdentities } from './persistence/known-identities';
import { PushSubscriptionsRepository } from './persistence/push-subscriptions.repository';
import { PushSubscriptionsController } from './push-subscriptions.controller';
import { IngestBatchUseCase } from './usecases/ingest-batch/ingest-batch.usecase';
import { IngestCallsUseCase } from './usecases/ingest-calls/ingest-calls.usecase';
import { RegisterPushSubscriptionUseCase } from './usecases/push-subscriptions/register-push-subscription.usecase';

/** Ingestion: Segment-spec calls become profiles, events and outbox rows; browsers' push subscriptions. */
@Module({
  imports: [TypeOrmModule.forFeature([EventEntity]), ProfilesModule, JourneysModule, SegmentsModule],
  controllers: [IngestionController, PushSubscriptionsController],
  providers: [
    IngestCallsUseCase,
    IngestBatchUseCase,
    IngestionKeyGuard,
    IngestionRepository,
    KnownIdentities,
    PushSubscriptionsRepository,
    RegisterPushSubscriptionUseCase,
  ],
  exports: [IngestionRepository],
})
export class EventsModule {}
