import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  NotFoundException,
  Param,
  Post,
  Put,
  Query,
  StreamableFile,
  UseGuards,
} from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { AdminKeyGuard } from '../workspaces/key.guards';
import { WorkspaceId } from '../workspaces/workspace-id.decorator';
import {
  CreateSegmentDto,
  InstalledExamplesDto,
  PreviewSegmentDto,
  SegmentDto,
  SegmentIdParams,
  SegmentMembersPageDto,
  SegmentMembersQuery,
  SegmentPreviewDto,
  UpdateSegmentDto,
} from './dtos/segment.dto';
import { type SegmentRecord, SegmentsRepository } from './persistence/segments.repository';
import { InstallCatalogUseCase } from './usecases/install-catalog/install-catalog.usecase';
import { ListMembersUseCase } from './usecases/list-members/list-members.usecase';
import { PreviewSegmentUseCase } from './usecases/preview-segment/preview-segment.usecase';
import { SaveSegmentUseCase } from './usecases/save-segment/save-segment.usecase';

function presentSegment(segment: SegmentRecord, memberCount?: number) {
  return {
    id: segment.id,
    name: segment.name,
    description: segment.description,
    rule: segment.rule,
    version: segment.version,
    builtVersion: segment.builtVersion,
    builtAt: segment.builtAt?.toISOString() ?? null,
    ...(memberCount === undefined ? {} : { memberCount }),
    createdAt: segment.createdAt.toISOString(),
    updatedAt: segment.updatedAt.toISOString(),
  };
}

const RULE_ERRORS =
  'The rule is invalid (each problem with its path), refers to an unknown segment, makes a cycle, or reads an undeclared computed trait.';

@ApiTags('segments')
@ApiBearerAuth()
@UseGuards(AdminKeyGuard)
@Controller('segments')
export class SegmentsController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly segments: SegmentsRepository,
    private readonly save: SaveSegmentUseCase,
    private readonly previewSegment: PreviewSegmentUseCase,
    private readonly members: ListMembersUseCase,
    private readonly catalog: InstallCatalogUseCase,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Active segments, by name' })
  @ApiOkResponse({ type: [SegmentDto] })
  async list(@WorkspaceId() workspaceId: string) {
    return (await this.segments.active(this.dataSource.manager, workspaceId)).map((s) => presentSegment(s));
  }

  @Post()
  @ApiOperation({
    summary: 'Create a segment',
    description:
      'Built in the background right after (see `builtVersion`); the first build records no entries, later changes are `segment.entered` / `segment.exited` events.',
  })
  @ApiOkResponse({ type: SegmentDto })
  @ApiBadRequestResponse({ description: RULE_ERRORS })
  @ApiConflictResponse({ description: 'Another active segment has this name.' })
  async create(@WorkspaceId() workspaceId: string, @Body() body: CreateSegmentDto) {
    return presentSegment(await this.save.create(workspaceId, body));
  }

  @Post('preview')
  @HttpCode(200)
  @ApiOperation({ summary: 'Count and sample who a draft rule matches now' })
  @ApiOkResponse({ type: SegmentPreviewDto })
  @ApiBadRequestResponse({ description: RULE_ERRORS })
  @ApiUnprocessableEntityResponse({ description: 'Evaluating the rule took longer than 10 s.' })
  preview(@WorkspaceId() workspaceId: string, @Body() { rule, sampleSize }: PreviewSegmentDto) {
    return this.previewSegment.execute(workspaceId, rule, sampleSize);
  }

  @Post('examples')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Install the example segments (and the computed traits they read)',
    description:
      'Regular customers and detractors; top revenue customers and promoters; 3-month RF buyers past their repurchase date; kibble buyers 14 days ago; promophiles; cat lovers. Those whose name is taken are skipped.',
  })
  @ApiOkResponse({ type: InstalledExamplesDto })
  async installExamples(@WorkspaceId() workspaceId: string) {
    const { computedTraits, segments } = await this.catalog.examples(workspaceId);
    return { computedTraits, segments: segments.map((s) => presentSegment(s)) };
  }

  @Get(':id')
  @ApiOkResponse({ type: SegmentDto })
  @ApiNotFoundResponse()
  async get(@WorkspaceId() workspaceId: string, @Param() { id }: SegmentIdParams) {
    const segment = await this.segments.find(this.dataSource.manager, workspaceId, id);
    if (!segment) throw new NotFoundException(`Segment ${id} not found`);
    return presentSegment(segment, await this.segments.memberCount(this.dataSource.manager, id));
  }

  @Put(':id')
  @ApiOperation({ summary: 'Rename, describe or change the rule (a new rule is a new version, rebuilt)' })
  @ApiOkResponse({ type: SegmentDto })
  @ApiBadRequestResponse({ description: RULE_ERRORS })
  @ApiNotFoundResponse()
  @ApiConflictResponse({ description: 'Another active segment has this name.' })
  async update(
    @WorkspaceId() workspaceId: string,
    @Param() { id }: SegmentIdParams,
    @Body() body: UpdateSegmentDto,
  ) {
    return presentSegment(await this.save.update(workspaceId, id, body));
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Archive a segment (its members are dropped, without exit events)' })
  @ApiNoContentResponse()
  @ApiNotFoundResponse()
  @ApiConflictResponse({ description: 'Another segment refers to it.' })
  async archive(@WorkspaceId() workspaceId: string, @Param() { id }: SegmentIdParams): Promise<void> {
    await this.save.archive(workspaceId, id);
  }

  @Get(':id/members')
  @ApiOperation({ summary: 'Current members, by profile id, keyset-paged' })
  @ApiOkResponse({ type: SegmentMembersPageDto })
  @ApiNotFoundResponse()
  membersPage(
    @WorkspaceId() workspaceId: string,
    @Param() { id }: SegmentIdParams,
    @Query() { limit, after }: SegmentMembersQuery,
  ) {
    return this.members.page(workspaceId, id, limit, after);
  }

  @Get(':id/members.csv')
  @ApiOperation({ summary: 'Every current member as CSV (streamed)' })
  @ApiProduces('text/csv')
  @ApiNotFoundResponse()
  async export(@WorkspaceId() workspaceId: string, @Param() { id }: SegmentIdParams) {
    const { body } = await this.members.csv(workspaceId, id);
    return new StreamableFile(body, {
      type: 'text/csv; charset=utf-8',
      disposition: `attachment; filename="segment-${id}.csv"`,
    });
  }
}
