import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { ComputedTraitsModule } from '../computed-traits/computed-traits.module';
import { ConfigModule } from '../config/config.module';
import { DatabaseModule } from '../database/database.module';
import { ImportsModule } from '../imports/imports.module';
import { ScenarioTemplatesModule } from '../scenario-templates/scenario-templates.module';
import { ScenariosModule } from '../scenarios/scenarios.module';
import { SegmentsModule } from '../segments/segments.module';
import { WorkspacesModule } from '../workspaces/workspaces.module';
import { LoadDemoUseCase } from './load-demo.usecase';

/** What the `demo` command needs: storage, workspaces, templates, imports, traits and segments; no HTTP. */
@Module({
  imports: [
    ConfigModule,
    DatabaseModule,
    WorkspacesModule,
    AuthModule,
    ScenariosModule,
    ImportsModule,
    ScenarioTemplatesModule,
    SegmentsModule,
    ComputedTraitsModule,
  ],
  providers: [LoadDemoUseCase],
})
export class DemoModule {}
