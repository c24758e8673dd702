import { Body, Controller, Get, HttpCode, Param, Post, Put, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { pressureRulesSchema } from '@parcours/domain';
import { RequiresRole } from '../auth/roles';
import { AdminKeyGuard } from '../workspaces/key.guards';
import { WorkspaceId } from '../workspaces/workspace-id.decorator';
import {
  DryRunDto,
  EnterProfilesDto,
  EntriesResultDto,
  JourneyIdParams,
  LifecycleResultDto,
  PressureRulesDto,
  ScenarioRuntimeParams,
  StatsQueryDto,
} from './dtos/scenario-runtime.dto';
import { DryRunScenarioUseCase } from './dry-run-scenario.usecase';
import { EnterProfilesUseCase } from './enter-profiles.usecase';
import { JourneyPathUseCase } from './journey-path.usecase';
import { ScenarioLifecycleUseCase } from './scenario-lifecycle.usecase';
import { ScenarioStatsUseCase } from './scenario-stats.usecase';
import { ScheduledEntries } from './scheduled-entries/scheduled-entries.service';

const DAY_MS = 86_400_000;

/** Running scenarios: lifecycle, entries by API, stats, paths, dry runs, and the workspace's pressure rules. */
@ApiTags('journeys')
@ApiBearerAuth()
@UseGuards(AdminKeyGuard)
@Controller()
export class ScenarioRuntimeController {
  constructor(
    private readonly lifecycle: ScenarioLifecycleUseCase,
    private readonly enterProfiles: EnterProfilesUseCase,
    private readonly stats: ScenarioStatsUseCase,
    private readonly dryRun: DryRunScenarioUseCase,
    private readonly journeyPath: JourneyPathUseCase,
    private readonly scheduledEntries: ScheduledEntries,
    private readonly dataSource: DataSource,
  ) {}

  @Get('scenarios/:id/stats')
  @ApiOkResponse({
    description:
      'Per node: entered, passed, current, outcomes, endings, messages, conversions (default: last 30 days, all versions).',
  })
  scenarioStats(
    @WorkspaceId() workspaceId: string,
    @Param() { id }: ScenarioRuntimeParams,
    @Query() query: StatsQueryDto,
  ) {
    const to = query.to ? new Date(query.to) : new Date(Date.now() + 1000);
    const from = query.from ? new Date(query.from) : new Date(to.getTime() - 30 * DAY_MS);
    return this.stats.execute(workspaceId, id, { version: query.version, from, to });
  }

  @Get('scenarios/:id/scheduled-entries')
  @ApiOkResponse({
    description:
      'Runs of a `trigger.schedule` scenario and days of a `trigger.date` one (latest 50 each), with how many customers entered and why the others did not.',
  })
  scheduledEntryHistory(@WorkspaceId() workspaceId: string, @Param() { id }: ScenarioRuntimeParams) {
    return this.scheduledEntries.history(workspaceId, id);
  }

  @Post('scenarios/:id/dry-run')
  @HttpCode(200)
  @RequiresRole('viewer')
  @ApiOkResponse({ description: 'The path the customer would take now (nothing sent, nothing changed).' })
  dryRunScenario(
    @WorkspaceId() workspaceId: string,
    @Param() { id }: ScenarioRuntimeParams,
    @Body() body: DryRunDto,
  ) {
    return this.dryRun.execute(workspaceId, id, body.profileId, body.version);
  }

  @Get('journeys/:id')
  @ApiOkResponse({ description: 'One customer’s path: steps with outcomes and times, deferrals, sends.' })
  journey(@WorkspaceId() workspaceId: string, @Param() { id }: JourneyIdParams) {
    return this.journeyPath.execute(workspaceId, id);
  }

  @Post('scenarios/:id/pause')
  @HttpCode(200)
  @ApiOkResponse({ type: LifecycleResultDto, description: 'No new entries; journeys in flight go on.' })
  @ApiConflictResponse({ description: 'The scenario is not live.' })
  pause(@WorkspaceId() workspaceId: string, @Param() { id }: ScenarioRuntimeParams) {
    return this.lifecycle.transition(workspaceId, id, 'paused');
  }

  @Post('scenarios/:id/resume')
  @HttpCode(200)
  @ApiOkResponse({ type: LifecycleResultDto })
  @ApiConflictResponse({ description: 'The scenario is not paused.' })
  resume(@WorkspaceId() workspaceId: string, @Param() { id }: ScenarioRuntimeParams) {
    return this.lifecycle.transition(workspaceId, id, 'live');
  }

  @Post('scenarios/:id/stop')
  @HttpCode(200)
  @ApiOkResponse({
    type: LifecycleResultDto,
    description: 'Every journey in flight exits now (reason `stopped`).',
  })
  @ApiConflictResponse({ description: 'The scenario is neither live nor paused.' })
  stop(@WorkspaceId() workspaceId: string, @Param() { id }: ScenarioRuntimeParams) {
    return this.lifecycle.transition(workspaceId, id, 'stopped');
  }

  @Post('scenarios/:id/entries')
  @HttpCode(200)
  @ApiOkResponse({
    type: EntriesResultDto,
    description: 'Per profile: entered (with the journey id) or why not.',
  })
  @ApiConflictResponse({ description: "The scenario is not live, or its trigger is not 'trigger.api'." })
  async enter(
    @WorkspaceId() workspaceId: string,
    @Param() { id }: ScenarioRuntimeParams,
    @Body() body: EnterProfilesDto,
  ) {
    return {
      results: await this.enterProfiles.execute(workspaceId, id, body.profileIds, body.idempotencyKey),
    };
  }

  @Get('workspace/pressure-rules')
  @ApiOkResponse({ type: PressureRulesDto })
  async pressureRules(@WorkspaceId() workspaceId: string) {
    const [row] = await this.dataSource.query(`SELECT pressure_rules FROM workspaces WHERE id = $1`, [
      workspaceId,
    ]);
    return pressureRulesSchema.parse(row.pressure_rules);
  }

  @Put('workspace/pressure-rules')
  @RequiresRole('admin')
  @ApiOkResponse({ type: PressureRulesDto, description: 'Applies to the very next marketing message.' })
  async setPressureRules(@WorkspaceId() workspaceId: string, @Body() rules: PressureRulesDto) {
    await this.dataSource.query(`UPDATE workspaces SET pressure_rules = $2 WHERE id = $1`, [
      workspaceId,
      rules,
    ]);
    return rules;
  }
}
