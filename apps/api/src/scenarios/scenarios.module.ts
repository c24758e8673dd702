import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { TemplatesModule } from '../templates/templates.module';
import { NodesController } from './nodes.controller';
import { PublishScenarioUseCase } from './publish-scenario.usecase';
import { ScenarioEntity } from './scenario.entity';
import { ScenarioVersionEntity } from './scenario-version.entity';
import { ScenariosController } from './scenarios.controller';
import { ScenariosService } from './scenarios.service';

@Module({
  imports: [TypeOrmModule.forFeature([ScenarioEntity, ScenarioVersionEntity]), TemplatesModule],
  controllers: [ScenariosController, NodesController],
  providers: [ScenariosService, PublishScenarioUseCase],
  exports: [ScenariosService, PublishScenarioUseCase],
})
export class ScenariosModule {}
