import { Injectable, NotFoundException } from '@nestjs/common';
import { scenarioGraphSchema, scenarioTemplate } from '@parcours/domain';
import { type ScenarioEntity } from '../scenarios/scenario.entity';
import { ScenariosService } from '../scenarios/scenarios.service';
import { InstallCatalogUseCase } from '../segments/usecases/install-catalog/install-catalog.usecase';

/**
 * "Start from a template": declares the computed traits and creates the segments the template reads
 * (reusing those already there, by key and by name, when defined the same), then a draft scenario
 * wired to them, in one transaction. A trait or segment of the workspace defined differently
 * refuses the import (409): the draft would read something else than the template says. Nothing
 * is published: the team reviews the content first. Importing twice makes two drafts, one set of segments.
 */
@Injectable()
export class ImportScenarioTemplateUseCase {
  constructor(
    private readonly catalog: InstallCatalogUseCase,
    private readonly scenarios: ScenariosService,
  ) {}

  async execute(workspaceId: string, templateId: string, name?: string): Promise<ScenarioEntity> {
    const template = scenarioTemplate(templateId);
    if (!template) throw new NotFoundException(`No scenario template '${templateId}'`);
    const keys = Object.keys(template.segments);
    const { installed, scenario } = await this.catalog.transaction(async (db) => {
      const installed = await this.catalog.install(
        db,
        workspaceId,
        template.computedTraits,
        keys.map((key) => template.segments[key]),
        'refuse',
      );
      const ids = Object.fromEntries(
        keys.map((key) => [key, installed.segmentIds.get(template.segments[key].name)!]),
      );
      const graph = scenarioGraphSchema.parse(template.graph(ids));
      return {
        installed,
        scenario: await this.scenarios.create(workspaceId, name ?? template.name, graph, db),
      };
    });
    this.catalog.startComputing(workspaceId, installed);
    return scenario;
  }
}
