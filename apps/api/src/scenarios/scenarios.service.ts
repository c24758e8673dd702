import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { type NodeRegistry, type ScenarioGraph, validateScenario } from '@parcours/domain';
import { type EntityManager, Not, Repository } from 'typeorm';
import { NODE_REGISTRY } from '../nodes/node-registry';
import { ScenarioEntity } from './scenario.entity';
import { ScenarioVersionEntity } from './scenario-version.entity';

@Injectable()
export class ScenariosService {
  constructor(
    @InjectRepository(ScenarioEntity) private readonly scenarios: Repository<ScenarioEntity>,
    @InjectRepository(ScenarioVersionEntity) private readonly versions: Repository<ScenarioVersionEntity>,
    @Inject(NODE_REGISTRY) private readonly registry: NodeRegistry,
  ) {}

  list(workspaceId: string): Promise<ScenarioEntity[]> {
    return this.scenarios.find({
      where: { workspaceId, status: Not('archived') },
      order: { updatedAt: 'DESC' },
      take: 500,
    });
  }

  async get(workspaceId: string, id: string): Promise<ScenarioEntity> {
    const scenario = await this.scenarios.findOneBy({ workspaceId, id });
    if (!scenario) throw new NotFoundException(`Scenario ${id} not found`);
    return scenario;
  }

  /** `db`: the caller's transaction, when the draft is written with other rows. */
  create(
    workspaceId: string,
    name: string,
    graph: ScenarioGraph,
    db: EntityManager = this.scenarios.manager,
  ): Promise<ScenarioEntity> {
    return db.save(db.create(ScenarioEntity, { workspaceId, name, draft: graph, status: 'draft' }));
  }

  /** Drafts change freely, even when invalid; only publishing insists on a valid graph. */
  async updateDraft(
    workspaceId: string,
    id: string,
    change: { name?: string; graph?: ScenarioGraph },
  ): Promise<ScenarioEntity> {
    const scenario = await this.get(workspaceId, id);
    if (change.name !== undefined) scenario.name = change.name;
    if (change.graph !== undefined) scenario.draft = change.graph;
    return this.scenarios.save(scenario);
  }

  /** A new draft with a copy of the scenario's draft graph; versions and status stay behind. */
  async duplicate(workspaceId: string, id: string, name?: string): Promise<ScenarioEntity> {
    const source = await this.get(workspaceId, id);
    return this.create(workspaceId, name ?? `Copy of ${source.name}`.slice(0, 200), source.draft);
  }

  /** Archiving stops new entries; versions and the journeys that pinned them stay. */
  async archive(workspaceId: string, id: string): Promise<void> {
    const scenario = await this.get(workspaceId, id);
    await this.scenarios.update({ id: scenario.id }, { status: 'archived' });
  }

  async validate(workspaceId: string, id: string) {
    const scenario = await this.get(workspaceId, id);
    const errors = validateScenario(scenario.draft, this.registry);
    return { valid: errors.length === 0, errors, ports: nodePorts(scenario.draft, this.registry) };
  }

  async listVersions(workspaceId: string, id: string): Promise<ScenarioVersionEntity[]> {
    await this.get(workspaceId, id);
    return this.versions.find({
      where: { workspaceId, scenarioId: id },
      order: { version: 'DESC' },
      select: { id: true, version: true, publishedAt: true },
    });
  }

  async getVersion(workspaceId: string, id: string, version: number): Promise<ScenarioVersionEntity> {
    const found = await this.versions.findOneBy({ workspaceId, scenarioId: id, version });
    if (!found) throw new NotFoundException(`Scenario ${id} has no version ${version}`);
    return found;
  }
}

/**
 * Output ports of each node whose type is known and config valid: a split's branches or a
 * switch's cases depend on the config, so the editor asks rather than guessing.
 */
function nodePorts(graph: ScenarioGraph, registry: NodeRegistry): Record<string, string[]> {
  const ports: Record<string, string[]> = {};
  for (const node of graph.nodes ?? []) {
    const definition = registry.get(node.type, node.typeVersion);
    const config = definition?.configSchema.safeParse(node.config ?? {});
    if (definition && config?.success) ports[node.id] = definition.ports(config.data);
  }
  return ports;
}
