import { Module } from '@nestjs/common';
import { APP_PIPE } from '@nestjs/core';
import { AuthModule } from './auth/auth.module';
import { ChannelsModule } from './channels/channels.module';
import { ConfigModule } from './config/config.module';
import { DatabaseModule } from './database/database.module';
import { EventsModule } from './events/events.module';
import { HealthModule } from './health/health.module';
import { ImportsModule } from './imports/imports.module';
import { RejectNulCharactersPipe } from './http/reject-nul-characters.pipe';
import { ValidationPipe } from './http/validation';
import { JourneysModule } from './journeys/journeys.module';
import { ProfilesApiModule } from './profiles/profiles-api.module';
import { ScenarioTemplatesModule } from './scenario-templates/scenario-templates.module';
import { ScenariosModule } from './scenarios/scenarios.module';
import { SegmentsModule } from './segments/segments.module';
import { TemplatesModule } from './templates/templates.module';
import { TemporalModule } from './temporal/temporal.module';
import { TrackingModule } from './tracking/tracking.module';
import { WorkspacesModule } from './workspaces/workspaces.module';

@Module({
  imports: [
    ConfigModule,
    DatabaseModule,
    TemporalModule,
    WorkspacesModule,
    AuthModule,
    ScenariosModule,
    ScenarioTemplatesModule,
    ProfilesApiModule,
    SegmentsModule,
    EventsModule,
    ImportsModule,
    JourneysModule,
    TemplatesModule,
    TrackingModule,
    ChannelsModule,
    HealthModule,
  ],
  providers: [
    { provide: APP_PIPE, useClass: RejectNulCharactersPipe },
    { provide: APP_PIPE, useClass: ValidationPipe },
  ],
})
export class AppModule {}
