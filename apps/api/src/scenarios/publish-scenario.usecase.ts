import { BadRequestException, Injectable, NotFoundException } from '@nestjs/common';
import { compileScenario, triggerOf, validateScenario } from '@parcours/domain';
import { DataSource } from 'typeorm';
import { ScenarioEntity } from './scenario.entity';
import { ScenarioVersionEntity } from './scenario-version.entity';

@Injectable()
export class PublishScenarioUseCase {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Freezes the draft as the next numbered version and makes it the one new entries get; customers
   * in flight finish on the version they started. The scenario row is
   * locked so two concurrent publishes get consecutive numbers instead of a conflict.
   */
  async execute(workspaceId: string, scenarioId: string): Promise<ScenarioVersionEntity> {
    return this.dataSource.transaction(async (manager) => {
      const scenario = await manager.getRepository(ScenarioEntity).findOne({
        where: { workspaceId, id: scenarioId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!scenario) throw new NotFoundException(`Scenario ${scenarioId} not found`);
      if (scenario.status === 'archived') {
        throw new BadRequestException('An archived scenario cannot be published');
      }
      const errors = validateScenario(scenario.draft);
      if (errors.length > 0) {
        throw new BadRequestException({
          statusCode: 400,
          error: 'Bad Request',
          message: `Scenario has ${errors.length} problem(s); nothing was published`,
          errors,
        });
      }
      const definition = compileScenario(scenario.draft);
      const trigger = triggerOf(definition);
      const version = (scenario.currentVersion ?? 0) + 1;
      const saved = await manager.getRepository(ScenarioVersionEntity).save({
        workspaceId,
        scenarioId,
        version,
        graph: scenario.draft,
        definition,
        triggerEvent: definition.entryEvent?.event ?? null,
        triggerType: trigger.type,
        listensFor: definition.listensFor,
        exitEvents: [...new Set(definition.exitCriteria.map((criterion) => criterion.event))],
      });
      // A paused scenario stays paused: publishing changes what new entries get, not whether they come.
      await manager
        .getRepository(ScenarioEntity)
        .update(
          { id: scenarioId },
          { currentVersion: version, status: scenario.status === 'paused' ? 'paused' : 'live' },
        );
      return saved;
    });
  }
}
