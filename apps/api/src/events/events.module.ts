import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { JourneysModule } from '../journeys/journeys.module';
import { ProfilesModule } from '../profiles/profiles.module';
import { EventEntity } from './event.entity';
import { IngestionKeyGuard } from './ingestion-key.guard';
import { IngestionController } from './ingestion.controller';
import { IngestionRepository } from './persistence/ingestion.repository';
import { KnownIdentities } from './persistence/known-identities';
import { IngestBatchUseCase } from './usecases/ingest-batch/ingest-batch.usecase';
import { IngestCallsUseCase } from './usecases/ingest-calls/ingest-calls.usecase';

/** Ingestion: Segment-spec calls become profiles, events and outbox rows. */
@Module({
  imports: [TypeOrmModule.forFeature([EventEntity]), ProfilesModule, JourneysModule],
  controllers: [IngestionController],
  providers: [
    IngestCallsUseCase,
    IngestBatchUseCase,
    IngestionKeyGuard,
    IngestionRepository,
    KnownIdentities,
  ],
})
export class EventsModule {}
