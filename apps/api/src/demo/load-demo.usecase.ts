import { Injectable } from '@nestjs/common';
import { SCENARIO_TEMPLATES, scenarioSegmentReferences } from '@parcours/domain';
import { UsersService } from '../auth/users.service';
import { ComputedTraitsRecompute } from '../computed-traits/computation/computed-traits-recompute.service';
import { type ImportJob } from '../imports/persistence/import-job';
import { OpenImportUseCase } from '../imports/usecases/open-import/open-import.usecase';
import { type ImportProgress, RunImportUseCase } from '../imports/usecases/run-import/run-import.usecase';
import { ImportScenarioTemplateUseCase } from '../scenario-templates/import-scenario-template.usecase';
import { PublishScenarioUseCase } from '../scenarios/publish-scenario.usecase';
import { SegmentSweeper } from '../segments/refresh/segment-sweeper.service';
import { CreateWorkspaceUseCase } from '../workspaces/create-workspace.usecase';
import { createAdminWithGeneratedPassword, type DemoAdmin, freeDemoEmail } from './demo-admin';
import { type DemoBrand, DEMO_BRANDS, type DemoOptions } from './demo-dataset';
import { demoImportSource, digestDemoSources, type DemoSourceKind } from './demo-import-source';

/** The workspace of each brand: its name is the brand of its scenario templates. */
export const DEMO_WORKSPACE_NAMES: Record<DemoBrand, string> = { miaoum: 'Mia(ou)m', zoro: 'Zoro' };

/**
 * Published at load: the four seed 002 scenarios and the promoters' reward. The call-back of
 * detractors stays a draft: its webhook URL is a placeholder for the customer's CRM.
 */
export const DEMO_PUBLISHED_TEMPLATES: ReadonlySet<string> = new Set([
  'miaoum-welcome-pack',
  'miaoum-kibble-stock-alert',
  'zoro-abandoned-cart',
  'zoro-repurchase-overdue',
  'nps-reward-promoters',
]);

export interface LoadDemoCommand {
  profilesPerBrand: number;
  seed: number;
  now: Date;
}

export interface LoadedDemoScenario {
  templateId: string;
  scenarioId: string;
  name: string;
  status: 'live' | 'draft';
}

export interface LoadedDemoWorkspace {
  name: string;
  workspaceId: string;
  adminKey: string;
  writeKey: string;
  adminUser: DemoAdmin;
  scenarios: LoadedDemoScenario[];
  profiles: number;
  events: number;
}

export type LoadedDemo = Record<DemoBrand, LoadedDemoWorkspace>;

export interface LoadDemoProgress {
  brand: DemoBrand;
  step: string;
  /** Set while a source is being imported. */
  import?: { kind: DemoSourceKind; rowsDone: number; rows: number };
}

/** Raised when generated rows are refused: the generator and the import disagree. */
export class DemoImportError extends Error {}

/**
 * Loads the two-brand demo: per brand a workspace, a studio admin, every scenario template of
 * the brand (the traits and segments they read), the chosen ones published, then the generated
 * customers and their history through the ordinary import (history does not trigger journeys),
 * and finally computed traits and segments. Members found then enter their segments, so the
 * journeys those start (welcome, repurchase, reward) begin as soon as the API runs.
 */
@Injectable()
export class LoadDemoUseCase {
  constructor(
    private readonly createWorkspace: CreateWorkspaceUseCase,
    private readonly users: UsersService,
    private readonly importTemplate: ImportScenarioTemplateUseCase,
    private readonly publish: PublishScenarioUseCase,
    private readonly openImport: OpenImportUseCase,
    private readonly runImport: RunImportUseCase,
    private readonly recompute: ComputedTraitsRecompute,
    private readonly sweeper: SegmentSweeper,
  ) {}

  async execute(command: LoadDemoCommand, onProgress: (progress: LoadDemoProgress) => void = () => {}) {
    const loaded: Partial<LoadedDemo> = {};
    for (const brand of DEMO_BRANDS) {
      loaded[brand] = await this.loadBrand(brand, command, (step, progress) =>
        onProgress({ brand, step, ...progress }),
      );
    }
    return loaded as LoadedDemo;
  }

  private async loadBrand(
    brand: DemoBrand,
    { profilesPerBrand, seed, now }: LoadDemoCommand,
    report: (step: string, progress?: Pick<LoadDemoProgress, 'import'>) => void,
  ): Promise<LoadedDemoWorkspace> {
    const name = DEMO_WORKSPACE_NAMES[brand];
    report('workspace and admin');
    const email = await freeDemoEmail(this.users, brand);
    const { workspaceId, adminKey, writeKey } = await this.createWorkspace.execute(name);
    const adminUser = await createAdminWithGeneratedPassword(this.users, workspaceId, email, `${name} admin`);

    report('scenario templates');
    const scenarios: LoadedDemoScenario[] = [];
    const segmentIds = new Set<string>();
    for (const template of SCENARIO_TEMPLATES.filter((t) => t.brand === name)) {
      const scenario = await this.importTemplate.execute(workspaceId, template.id);
      const live = DEMO_PUBLISHED_TEMPLATES.has(template.id);
      if (live) await this.publish.execute(workspaceId, scenario.id);
      for (const reference of scenarioSegmentReferences(scenario.draft)) segmentIds.add(reference.segmentId);
      scenarios.push({
        templateId: template.id,
        scenarioId: scenario.id,
        name: scenario.name,
        status: live ? 'live' : 'draft',
      });
    }
    // Built empty now, so the customers loaded next enter them (the first build is silent), and
    // the traits' first computation (declaring them started it) is over before the data arrives.
    for (const segmentId of segmentIds) await this.sweeper.sweep(workspaceId, segmentId);
    await this.recompute.request(workspaceId);

    report('hashing the generated data');
    const options: DemoOptions = { brand, count: profilesPerBrand, seed, now };
    const digests = digestDemoSources(options);
    const counts = { profiles: 0, events: 0 };
    for (const kind of ['profiles', 'events'] as const) {
      report(`importing ${kind}`, { import: { kind, rowsDone: 0, rows: digests[kind].rows } });
      const opened = await this.openImport.execute({
        workspaceId,
        kind,
        format: 'ndjson',
        sourceName: `demo-${brand}-${kind}-seed${seed}-${profilesPerBrand}.ndjson`,
        sourceSha256: digests[kind].sha256,
        sourceBytes: digests[kind].bytes,
        mapping: {},
        trigger: false,
      });
      let job: ImportJob;
      try {
        job = await this.runImport.execute(opened, demoImportSource(options, kind), {
          onProgress: ({ job: running }: ImportProgress) =>
            report(`importing ${kind}`, {
              import: { kind, rowsDone: running.rowsDone, rows: digests[kind].rows },
            }),
        });
      } finally {
        await opened.lease.release().catch(() => undefined);
      }
      if (job.rowsFailed > 0) {
        throw new DemoImportError(
          `${job.rowsFailed} generated ${kind} rows were refused (import ${job.id}): see GET /imports/${job.id}/errors`,
        );
      }
      counts[kind] = job.rowsDone - job.rowsSkipped;
    }

    report('computing traits and segments');
    await this.recompute.request(workspaceId);
    for (const segmentId of segmentIds) await this.sweeper.sweep(workspaceId, segmentId);
    return { name, workspaceId, adminKey, writeKey, adminUser, scenarios, ...counts };
  }
}
