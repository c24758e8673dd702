import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { NodesModule } from '../nodes/nodes.module';
import { TemplatesModule } from '../templates/templates.module';
import { PublishScenarioUseCase } from './publish-scenario.usecase';
import { ScenarioEntity } from './scenario.entity';
import { ScenarioVersionEntity } from './scenario-version.entity';
import { ScenariosController } from './scenarios.controller';
import { ScenariosService } from './scenarios.service';

@Module({
  imports: [TypeOrmModule.forFeature([ScenarioEntity, ScenarioVersionEntity]), TemplatesModule, NodesModule],
  controllers: [ScenariosController],
  providers: [ScenariosService, PublishScenarioUseCase],
  exports: [ScenariosService, PublishScenarioUseCase],
})
export class ScenariosModule {}
