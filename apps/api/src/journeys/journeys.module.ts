import { Module } from '@nestjs/common';
import { DispatchOutboxUseCase } from './dispatch-outbox.usecase';
import { JourneyExits } from './journey-exits.service';
import { JourneyStarter } from './journey-starter.service';
import { TriggerDispatcher } from './trigger-dispatcher.service';

/** Entry into and exit from journeys: stored events start workflows; merges and erasures end them. */
@Module({
  providers: [JourneyStarter, JourneyExits, DispatchOutboxUseCase, TriggerDispatcher],
  exports: [JourneyExits],
})
export class JourneysModule {}
