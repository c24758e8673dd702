import {
  Body,
  ConflictException,
  Controller,
  Delete,
  Get,
  HttpCode,
  NotFoundException,
  Param,
  Post,
  Put,
  UseGuards,
} from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { type ComputedTraitDefinition, computedTraitKeys } from '@parcours/domain';
import { DataSource, type EntityManager } from 'typeorm';
import { AdminKeyGuard } from '../workspaces/key.guards';
import { WorkspaceId } from '../workspaces/workspace-id.decorator';
import { ComputedTraitsRecompute } from './computation/computed-traits-recompute.service';
import {
  ComputedTraitDto,
  ComputedTraitKeyParams,
  CreateComputedTraitDto,
  UpdateComputedTraitDto,
} from './dtos/computed-trait.dto';
import { type ComputedTraitRecord, ComputedTraitsRepository } from './persistence/computed-traits.repository';

function present(record: ComputedTraitRecord) {
  return {
    key: record.key,
    kind: record.kind,
    config: record.config as Record<string, unknown>,
    version: record.version,
    scales: record.scales,
    computedAt: record.computedAt?.toISOString() ?? null,
    createdAt: record.createdAt.toISOString(),
    updatedAt: record.updatedAt.toISOString(),
  };
}

/**
 * Declared computed traits. Values are computed for the whole base in the background after a
 * create or change (`computedAt` says when it finished), then kept current per profile as data
 * arrives, and recomputed periodically.
 */
@ApiTags('computed traits')
@ApiBearerAuth()
@UseGuards(AdminKeyGuard)
@Controller('computed-traits')
export class ComputedTraitsController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly definitions: ComputedTraitsRepository,
    private readonly recompute: ComputedTraitsRecompute,
  ) {}

  @Get()
  @ApiOkResponse({ type: [ComputedTraitDto] })
  async list(@WorkspaceId() workspaceId: string) {
    return (await this.definitions.list(this.dataSource.manager, workspaceId)).map(present);
  }

  @Post()
  @ApiOperation({ summary: 'Declare a computed trait (RFM, RFE, NPS, promophilie, appetence, lifecycle…)' })
  @ApiOkResponse({ type: ComputedTraitDto })
  @ApiBadRequestResponse({ description: 'Invalid key, kind or config (each problem with its path).' })
  @ApiConflictResponse({ description: 'The key is taken.' })
  async create(@WorkspaceId() workspaceId: string, @Body() body: CreateComputedTraitDto) {
    const definition: ComputedTraitDefinition = body;
    try {
      const created = await this.definitions.insert(this.dataSource.manager, workspaceId, definition);
      void this.recompute.request(workspaceId);
      return present(created);
    } catch (error) {
      if ((error as { code?: string }).code === '23505') {
        throw new ConflictException(`A computed trait '${definition.key}' already exists`);
      }
      throw error;
    }
  }

  @Get(':key')
  @ApiOkResponse({ type: ComputedTraitDto })
  @ApiNotFoundResponse()
  async get(@WorkspaceId() workspaceId: string, @Param() { key }: ComputedTraitKeyParams) {
    return present(await this.existing(this.dataSource.manager, workspaceId, key));
  }

  @Put(':key')
  @ApiOperation({ summary: 'Change the kind or config: a new version, computed again for the whole base' })
  @ApiOkResponse({ type: ComputedTraitDto })
  @ApiBadRequestResponse({ description: 'Invalid kind or config.' })
  @ApiNotFoundResponse()
  async update(
    @WorkspaceId() workspaceId: string,
    @Param() { key }: ComputedTraitKeyParams,
    @Body() body: UpdateComputedTraitDto,
  ) {
    const current = await this.existing(this.dataSource.manager, workspaceId, key);
    const updated = await this.definitions.update(this.dataSource.manager, current.id, body);
    void this.recompute.request(workspaceId);
    return present(updated);
  }

  @Post(':key/compute')
  @HttpCode(202)
  @ApiOperation({ summary: 'Compute the workspace’s traits again for the whole base, in the background' })
  @ApiAcceptedResponse()
  @ApiNotFoundResponse()
  async compute(@WorkspaceId() workspaceId: string, @Param() { key }: ComputedTraitKeyParams) {
    await this.existing(this.dataSource.manager, workspaceId, key);
    void this.recompute.request(workspaceId);
    return { accepted: true };
  }

  @Delete(':key')
  @HttpCode(204)
  @ApiOperation({ summary: 'Remove a computed trait and its values' })
  @ApiNoContentResponse()
  @ApiNotFoundResponse()
  @ApiConflictResponse({ description: 'An active segment reads it.' })
  async remove(@WorkspaceId() workspaceId: string, @Param() { key }: ComputedTraitKeyParams): Promise<void> {
    await this.dataSource.transaction(async (db) => {
      const current = await this.existing(db, workspaceId, key);
      const segments: { name: string; rule: Parameters<typeof computedTraitKeys>[0] }[] = await db.query(
        `SELECT name, rule FROM segments WHERE workspace_id = $1 AND status = 'active'`,
        [workspaceId],
      );
      const users = segments.filter((s) => computedTraitKeys(s.rule).includes(key));
      if (users.length > 0) {
        throw new ConflictException(
          `Segments ${users.map((s) => `'${s.name}'`).join(', ')} read computed.${key}: change them first`,
        );
      }
      await this.definitions.delete(db, current.id);
      await db.query(
        `UPDATE profiles SET computed_traits = computed_traits - $2 WHERE workspace_id = $1 AND computed_traits ? $2`,
        [workspaceId, key],
      );
    });
  }

  private async existing(db: EntityManager, workspaceId: string, key: string): Promise<ComputedTraitRecord> {
    const definition = await this.definitions.find(db, workspaceId, key);
    if (!definition) throw new NotFoundException(`No computed trait '${key}'`);
    return definition;
  }
}
