import { Module } from '@nestjs/common';
import { NodesModule } from '../nodes/nodes.module';
import { ProfilesModule } from '../profiles/profiles.module';
import { TemplatesModule } from '../templates/templates.module';
import { DispatchOutboxUseCase } from './dispatch-outbox.usecase';
import { DryRunScenarioUseCase } from './dry-run-scenario.usecase';
import { EnterProfilesUseCase } from './enter-profiles.usecase';
import { JourneyEntry } from './journey-entry.service';
import { JourneyEventRouter } from './journey-event-router.service';
import { JourneyExits } from './journey-exits.service';
import { JourneyPathUseCase } from './journey-path.usecase';
import { JourneyStarter } from './journey-starter.service';
import { ScenarioLifecycleUseCase } from './scenario-lifecycle.usecase';
import { ScenarioRuntimeController } from './scenario-runtime.controller';
import { ScenarioStatsUseCase } from './scenario-stats.usecase';
import { ScheduledEntries } from './scheduled-entries/scheduled-entries.service';
import { ScheduledEntryTicker } from './scheduled-entries/scheduled-entry-ticker.service';
import { TriggerDispatcher } from './trigger-dispatcher.service';

/**
 * Journeys at run time: stored events enter customers (under entry rules), end journeys (exit
 * criteria) and reach the journeys waiting for them; schedules and dates enter segments and
 * customers; scenarios pause, resume and stop; merges and erasures end journeys.
 */
@Module({
  imports: [ProfilesModule, TemplatesModule, NodesModule],
  controllers: [ScenarioRuntimeController],
  providers: [
    JourneyStarter,
    JourneyEntry,
    JourneyExits,
    JourneyEventRouter,
    DispatchOutboxUseCase,
    TriggerDispatcher,
    ScenarioLifecycleUseCase,
    EnterProfilesUseCase,
    ScenarioStatsUseCase,
    DryRunScenarioUseCase,
    JourneyPathUseCase,
    ScheduledEntries,
    ScheduledEntryTicker,
  ],
  exports: [JourneyExits],
})
export class JourneysModule {}
