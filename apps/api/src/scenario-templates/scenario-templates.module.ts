import { Module } from '@nestjs/common';
import { ScenariosModule } from '../scenarios/scenarios.module';
import { SegmentsModule } from '../segments/segments.module';
import { ImportScenarioTemplateUseCase } from './import-scenario-template.usecase';
import { ScenarioTemplatesController } from './scenario-templates.controller';

/** Ready-made scenarios (`packages/domain` holds them) and their import into a workspace. */
@Module({
  imports: [ScenariosModule, SegmentsModule],
  controllers: [ScenarioTemplatesController],
  providers: [ImportScenarioTemplateUseCase],
  exports: [ImportScenarioTemplateUseCase],
})
export class ScenarioTemplatesModule {}
