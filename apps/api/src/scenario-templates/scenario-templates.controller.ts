import { Body, Controller, Get, Param, Post, UseGuards } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { SCENARIO_TEMPLATES } from '@parcours/domain';
import { ScenarioDto } from '../scenarios/dtos/scenario.dto';
import { presentScenario } from '../scenarios/scenario.presenter';
import { AdminKeyGuard } from '../workspaces/key.guards';
import { WorkspaceId } from '../workspaces/workspace-id.decorator';
import { ImportScenarioTemplateUseCase } from './import-scenario-template.usecase';
import {
  ImportScenarioTemplateDto,
  ScenarioTemplateParams,
  ScenarioTemplateSummaryDto,
} from './scenario-templates.dto';

@ApiTags('scenarios')
@ApiBearerAuth()
@UseGuards(AdminKeyGuard)
@Controller('scenario-templates')
export class ScenarioTemplatesController {
  constructor(private readonly importTemplate: ImportScenarioTemplateUseCase) {}

  @Get()
  @ApiOperation({ summary: 'Ready-made scenarios: the seed activation scenarios and NPS campaigns' })
  @ApiOkResponse({ type: [ScenarioTemplateSummaryDto] })
  list(): ScenarioTemplateSummaryDto[] {
    return SCENARIO_TEMPLATES.map((template) => ({
      id: template.id,
      brand: template.brand,
      name: template.name,
      description: template.description,
      source: template.source,
      segments: Object.values(template.segments).map((segment) => segment.name),
      computedTraits: template.computedTraits.map((trait) => trait.key),
    }));
  }

  @Post(':id/import')
  @ApiOperation({
    summary: 'Create a draft scenario from a template',
    description:
      'Declares the computed traits and creates the segments it reads unless the workspace has them (same key, same name), ' +
      'then the draft, in one transaction.',
  })
  @ApiCreatedResponse({ type: ScenarioDto })
  @ApiNotFoundResponse({ description: 'No template with this id.' })
  @ApiConflictResponse({
    description:
      'The workspace has a computed trait of the same key or an active segment of the same name defined differently ' +
      '(`errors`: each, as `computedTraits.<key>` or `segments.<name>`); nothing is written.',
  })
  async import(
    @WorkspaceId() workspaceId: string,
    @Param() { id }: ScenarioTemplateParams,
    @Body() body: ImportScenarioTemplateDto,
  ) {
    return presentScenario(await this.importTemplate.execute(workspaceId, id, body.name));
  }
}
