import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, UseGuards } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import { RequiresRole } from '../auth/roles';
import { AdminKeyGuard } from '../workspaces/key.guards';
import { WorkspaceId } from '../workspaces/workspace-id.decorator';
import {
  CreateScenarioDto,
  DuplicateScenarioDto,
  ScenarioDto,
  ScenarioIdParams,
  ScenarioSummaryDto,
  ScenarioVersionDto,
  ScenarioVersionParams,
  ScenarioVersionSummaryDto,
  UpdateScenarioDto,
  ValidationResultDto,
} from './dtos/scenario.dto';
import { PublishScenarioUseCase } from './publish-scenario.usecase';
import {
  presentScenario,
  presentScenarioSummary,
  presentVersion,
  presentVersionSummary,
} from './scenario.presenter';
import { ScenariosService } from './scenarios.service';

@ApiTags('scenarios')
@ApiBearerAuth()
@UseGuards(AdminKeyGuard)
@Controller('scenarios')
export class ScenariosController {
  constructor(
    private readonly scenarios: ScenariosService,
    private readonly publishScenario: PublishScenarioUseCase,
  ) {}

  @Get()
  @ApiOkResponse({ type: [ScenarioSummaryDto] })
  async list(@WorkspaceId() workspaceId: string) {
    return (await this.scenarios.list(workspaceId)).map(presentScenarioSummary);
  }

  @Post()
  @ApiOkResponse({ type: ScenarioDto })
  async create(@WorkspaceId() workspaceId: string, @Body() body: CreateScenarioDto) {
    return presentScenario(await this.scenarios.create(workspaceId, body.name, body.graph));
  }

  @Get(':id')
  @ApiOkResponse({ type: ScenarioDto })
  async get(@WorkspaceId() workspaceId: string, @Param() { id }: ScenarioIdParams) {
    return presentScenario(await this.scenarios.get(workspaceId, id));
  }

  @Put(':id')
  @ApiOkResponse({ type: ScenarioDto })
  async update(
    @WorkspaceId() workspaceId: string,
    @Param() { id }: ScenarioIdParams,
    @Body() body: UpdateScenarioDto,
  ) {
    return presentScenario(await this.scenarios.updateDraft(workspaceId, id, body));
  }

  @Post(':id/duplicate')
  @ApiCreatedResponse({ type: ScenarioDto, description: 'A new draft with a copy of the draft graph.' })
  async duplicate(
    @WorkspaceId() workspaceId: string,
    @Param() { id }: ScenarioIdParams,
    @Body() body: DuplicateScenarioDto,
  ) {
    return presentScenario(await this.scenarios.duplicate(workspaceId, id, body.name));
  }

  @Delete(':id')
  @HttpCode(204)
  async archive(@WorkspaceId() workspaceId: string, @Param() { id }: ScenarioIdParams): Promise<void> {
    await this.scenarios.archive(workspaceId, id);
  }

  @Post(':id/validate')
  @HttpCode(200)
  @RequiresRole('viewer')
  @ApiOkResponse({ type: ValidationResultDto })
  validate(@WorkspaceId() workspaceId: string, @Param() { id }: ScenarioIdParams) {
    return this.scenarios.validate(workspaceId, id);
  }

  @Post(':id/publish')
  @ApiOkResponse({ type: ScenarioVersionSummaryDto })
  @ApiBadRequestResponse({ description: 'The draft is not valid: every validator error is listed.' })
  async publish(@WorkspaceId() workspaceId: string, @Param() { id }: ScenarioIdParams) {
    return presentVersionSummary(await this.publishScenario.execute(workspaceId, id));
  }

  @Get(':id/versions')
  @ApiOkResponse({ type: [ScenarioVersionSummaryDto] })
  async versions(@WorkspaceId() workspaceId: string, @Param() { id }: ScenarioIdParams) {
    return (await this.scenarios.listVersions(workspaceId, id)).map(presentVersionSummary);
  }

  @Get(':id/versions/:version')
  @ApiOkResponse({ type: ScenarioVersionDto })
  async version(@WorkspaceId() workspaceId: string, @Param() { id, version }: ScenarioVersionParams) {
    return presentVersion(await this.scenarios.getVersion(workspaceId, id, version));
  }
}
