import { Module } from '@nestjs/common';
import { DispatchOutboxUseCase } from './dispatch-outbox.usecase';
import { JourneyStarter } from './journey-starter.service';
import { TriggerDispatcher } from './trigger-dispatcher.service';

/** Entry into journeys: turns stored events into started journey workflows. */
@Module({
  providers: [JourneyStarter, DispatchOutboxUseCase, TriggerDispatcher],
})
export class JourneysModule {}
