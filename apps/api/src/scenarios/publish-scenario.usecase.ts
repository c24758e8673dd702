import { BadRequestException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import {
  compileScenario,
  nextScheduledRun,
  type NodeRegistry,
  scenarioGraphSchema,
  scenarioSegmentReferences,
  triggerOf,
  type TriggerScheduleConfig,
  validateScenario,
  type ValidationIssue,
} from '@parcours/domain';
import { DataSource, type EntityManager } from 'typeorm';
import { NODE_REGISTRY } from '../nodes/node-registry';
import { TemplatePins } from '../templates/template-pins.service';
import { ScenarioEntity } from './scenario.entity';
import { ScenarioVersionEntity } from './scenario-version.entity';

@Injectable()
export class PublishScenarioUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly templatePins: TemplatePins,
    @Inject(NODE_REGISTRY) private readonly registry: NodeRegistry,
  ) {}

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
      const errors = validateScenario(scenario.draft, this.registry);
      if (errors.length === 0) {
        errors.push(...pastScheduleIssues(scenario.draft.nodes));
        errors.push(...(await missingSegmentIssues(manager, workspaceId, scenario.draft, this.registry)));
      }
      const pinned = await this.templatePins.pin(manager, workspaceId, scenario.draft);
      errors.push(...pinned.issues);
      if (errors.length > 0) {
        throw new BadRequestException({
          statusCode: 400,
          error: 'Bad Request',
          message: `Scenario has ${errors.length} problem(s); nothing was published`,
          errors,
        });
      }
      const definition = compileScenario(pinned.graph, this.registry);
      const trigger = triggerOf(definition);
      const version = (scenario.currentVersion ?? 0) + 1;
      const saved = await manager.getRepository(ScenarioVersionEntity).save({
        workspaceId,
        scenarioId,
        version,
        graph: pinned.graph,
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

/** A one-off schedule whose date has passed would never fire: refused rather than published silent. */
function pastScheduleIssues(nodes: { id: string; type: string; config: unknown }[]): ValidationIssue[] {
  const index = nodes.findIndex((node) => node.type === 'trigger.schedule');
  if (index < 0) return [];
  const { schedule } = nodes[index].config as TriggerScheduleConfig;
  if (schedule.kind !== 'once' || nextScheduledRun(schedule, new Date())) return [];
  return [
    {
      nodeId: nodes[index].id,
      path: ['nodes', index, 'config', 'schedule', 'at'],
      code: 'invalid_config',
      message: `The date ${schedule.at} has passed: pick a later one`,
    },
  ];
}

/** Segments the scenario names that this workspace does not have (or has archived). */
async function missingSegmentIssues(
  manager: EntityManager,
  workspaceId: string,
  draft: unknown,
  registry: NodeRegistry,
): Promise<ValidationIssue[]> {
  const references = scenarioSegmentReferences(scenarioGraphSchema.parse(draft), registry);
  if (references.length === 0) return [];
  const rows: { id: string }[] = await manager.query(
    `SELECT id FROM segments WHERE workspace_id = $1 AND id = ANY($2::uuid[]) AND status = 'active'`,
    [workspaceId, [...new Set(references.map((r) => r.segmentId))]],
  );
  const existing = new Set(rows.map((row) => row.id));
  return references
    .filter((reference) => !existing.has(reference.segmentId))
    .map(({ nodeId, path, segmentId }) => ({
      ...(nodeId ? { nodeId } : {}),
      path,
      code: 'invalid_reference' as const,
      message: `Segment ${segmentId} does not exist in this workspace (or is archived)`,
    }));
}
