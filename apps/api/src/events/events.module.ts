import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ProfilesModule } from '../profiles/profiles.module';
import { EventEntity } from './event.entity';
import { TrackController } from './track.controller';
import { TrackEventUseCase } from './track-event.usecase';

@Module({
  imports: [TypeOrmModule.forFeature([EventEntity]), ProfilesModule],
  controllers: [TrackController],
  providers: [TrackEventUseCase],
})
export class EventsModule {}
