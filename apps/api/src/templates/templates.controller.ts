import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query, UseGuards } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { AdminKeyGuard } from '../workspaces/key.guards';
import { WorkspaceId } from '../workspaces/workspace-id.decorator';
import {
  CreateTemplateDto,
  ListTemplatesQuery,
  PreviewTemplateDto,
  TemplateDto,
  TemplateIdParams,
  TemplatePreviewDto,
  TemplateVersionParams,
  UpdateTemplateDto,
} from './dtos/template.dto';
import { MessageTemplates } from './message-templates.service';
import { PreviewTemplateUseCase } from './preview-template.usecase';

const CONTENT_ERRORS =
  'Invalid content: every problem with its field (`content.html`…) and, for Liquid, line and column (syntax errors, unknown variables; known roots: profile, event, journey, unsubscribe_url); MJML errors with their line.';

@ApiTags('templates')
@ApiBearerAuth()
@UseGuards(AdminKeyGuard)
@Controller('templates')
export class TemplatesController {
  constructor(
    private readonly templates: MessageTemplates,
    private readonly previewTemplate: PreviewTemplateUseCase,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Active templates (latest versions), by name' })
  @ApiOkResponse({ type: [TemplateDto] })
  list(@WorkspaceId() workspaceId: string, @Query() query: ListTemplatesQuery) {
    return this.templates.list(workspaceId, query.channel);
  }

  @Post()
  @ApiOperation({ summary: 'Creates a template (version 1)' })
  @ApiCreatedResponse({ type: TemplateDto })
  @ApiBadRequestResponse({ description: CONTENT_ERRORS })
  @ApiConflictResponse({ description: 'Another active template has this name.' })
  create(@WorkspaceId() workspaceId: string, @Body() body: CreateTemplateDto) {
    return this.templates.create(workspaceId, body.name, body.content);
  }

  @Post('preview')
  @HttpCode(200)
  @ApiOperation({ summary: 'Renders a saved template or a draft for a customer (nothing is sent)' })
  @ApiOkResponse({ type: TemplatePreviewDto })
  @ApiBadRequestResponse({ description: `${CONTENT_ERRORS} Or it fails to render for this customer.` })
  @ApiNotFoundResponse({ description: 'No such profile or template.' })
  async preview(@WorkspaceId() workspaceId: string, @Body() body: PreviewTemplateDto) {
    const rendered = await this.previewTemplate.execute(workspaceId, body);
    return { channel: rendered.channel, rendered };
  }

  @Get(':id')
  @ApiOkResponse({ type: TemplateDto })
  @ApiNotFoundResponse()
  get(@WorkspaceId() workspaceId: string, @Param() { id }: TemplateIdParams) {
    return this.templates.latest(workspaceId, id);
  }

  @Get(':id/versions/:version')
  @ApiOkResponse({ type: TemplateDto })
  @ApiNotFoundResponse()
  version(@WorkspaceId() workspaceId: string, @Param() { id, version }: TemplateVersionParams) {
    return this.templates.version(workspaceId, id, version);
  }

  @Put(':id')
  @ApiOperation({ summary: 'Renames, and/or saves a new content as the next version' })
  @ApiOkResponse({ type: TemplateDto })
  @ApiBadRequestResponse({ description: CONTENT_ERRORS })
  @ApiConflictResponse({ description: 'Another active template has this name.' })
  update(
    @WorkspaceId() workspaceId: string,
    @Param() { id }: TemplateIdParams,
    @Body() body: UpdateTemplateDto,
  ) {
    return this.templates.update(workspaceId, id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Archives (published scenarios keep their pinned version)' })
  @ApiNoContentResponse()
  @ApiNotFoundResponse()
  async archive(@WorkspaceId() workspaceId: string, @Param() { id }: TemplateIdParams) {
    await this.templates.archive(workspaceId, id);
  }
}
