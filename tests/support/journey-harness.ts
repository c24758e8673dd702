// Journeys run for real on the time-skipping test server: the worker as `apps/worker` builds it
// (its activities, persistence and providers), a fresh migrated database, a real SMTP server on
// loopback. Tests publish a graph, create customers, enter them and read what the engine wrote.
import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  compileScenario,
  type PressureRules,
  pressureRulesSchema,
  type ScenarioGraphInput,
} from '@parcours/domain';
import {
  JOURNEY_EVENT_SIGNAL,
  JOURNEY_WORKFLOW_TYPE,
  type JourneyDefinition,
  type JourneyEventSignal,
  type JourneyWorkflowInput,
  journeyWorkflowId,
  triggerOf,
} from '@parcours/domain/journey';
import { Client, type WorkflowHandle } from '@temporalio/client';
import { type TestWorkflowEnvironment } from '@temporalio/testing';
import { bundleWorkflowCode, DefaultLogger } from '@temporalio/worker';
import { Pool } from 'pg';
import { type z } from 'zod';
import { loadWorkerConfig } from '../../apps/worker/src/config';
import { createJourneyWorker, type RunningWorker } from '../../apps/worker/src/worker';
import { type JourneyOutcome } from '../../apps/worker/src/workflows/journey.workflow';
import { createTestDatabase } from './apps';
import { repoRoot } from './app-process';
import { waitFor } from './ports';
import { type SmtpCapture, startSmtpCapture } from './smtp-capture';
import { startTimeSkippingServer } from './time-skipping';

export interface PublishedScenario {
  scenarioId: string;
  versionId: string;
  definition: JourneyDefinition;
}

export interface CustomerSpec {
  email?: string | null;
  phone?: string | null;
  traits?: Record<string, unknown>;
  /** Channels on which consent is granted. */
  consents?: ('email' | 'sms' | 'push')[];
}

export interface EnteredJourney {
  journeyId: string;
  workflowId: string;
  handle: WorkflowHandle;
  /** Awaits the journey's end, skipping time meanwhile. */
  result(): Promise<JourneyOutcome>;
}

export interface JourneyStepRow {
  step_index: number;
  iteration: number;
  node_id: string;
  outcome: string;
  detail: Record<string, unknown> | null;
}

export interface JourneyHarness {
  env: TestWorkflowEnvironment;
  pool: Pool;
  smtp: SmtpCapture;
  workspaceId: string;
  /** The task queue of the default worker. */
  taskQueue: string;
  /** Another worker on its own task queue, e.g. with a different configuration. */
  startWorker(env?: Record<string, string>): Promise<string>;
  publish(graph: ScenarioGraphInput, name?: string): Promise<PublishedScenario>;
  createCustomer(spec?: CustomerSpec): Promise<string>;
  /** Stores an event on the customer's timeline (as ingestion would) and returns it. */
  storeEvent(
    profileId: string,
    name: string,
    properties?: Record<string, unknown>,
    occurredAt?: Date,
  ): Promise<JourneyEventSignal>;
  enter(
    scenario: PublishedScenario,
    profileId: string,
    options?: { triggerEvent?: JourneyEventSignal; taskQueue?: string },
  ): Promise<EnteredJourney>;
  /** Delivers an event to a running journey, as the API's event router does. */
  signal(journey: EnteredJourney, event: JourneyEventSignal): Promise<void>;
  /** Resolves once the journey has recorded `outcome` on `nodeId` (real time, time not skipped). */
  waitForStep(journeyId: string, nodeId: string, outcome: string): Promise<void>;
  steps(journeyId: string): Promise<JourneyStepRow[]>;
  setPressureRules(rules: z.input<typeof pressureRulesSchema>): Promise<PressureRules>;
  /** The test server's clock. */
  now(): Promise<Date>;
  /** Moves the test server's clock forward to `instant` (no-op if it is already past). */
  skipTo(instant: Date): Promise<void>;
  close(): Promise<void>;
}

export async function startJourneyHarness(
  options: { workerEnv?: Record<string, string> } = {},
): Promise<JourneyHarness> {
  const closers: (() => Promise<unknown>)[] = [];
  const close = async () => {
    for (const closer of closers.reverse()) await closer().catch((error) => console.error(error));
  };
  try {
    const server = await startTimeSkippingServer();
    closers.push(() => server.stop());
    const { env } = server;
    const databaseUrl = await createTestDatabase();
    const pool = new Pool({ connectionString: databaseUrl, max: 5 });
    closers.push(() => pool.end());
    const smtp = await startSmtpCapture();
    closers.push(() => smtp.close());
    const bundlePath = await workflowBundlePath();
    const {
      rows: [{ id: workspaceId }],
    } = await pool.query(`INSERT INTO workspaces (name) VALUES ('Journey tests') RETURNING id`);

    const startWorker = async (workerEnv: Record<string, string> = {}): Promise<string> => {
      const taskQueue = `journeys-ts-${randomUUID().slice(0, 8)}`;
      const config = loadWorkerConfig({
        DATABASE_URL: databaseUrl,
        TEMPORAL_ADDRESS: env.address,
        TEMPORAL_TASK_QUEUE: taskQueue,
        SMTP_URL: smtp.url,
        WORKFLOW_BUNDLE_PATH: bundlePath,
        ...options.workerEnv,
        ...workerEnv,
      });
      const running: RunningWorker = await createJourneyWorker(config);
      const done = running.worker.run();
      closers.push(async () => {
        running.worker.shutdown();
        await done;
        await running.close();
      });
      return taskQueue;
    };
    const taskQueue = await startWorker();

    // The test server counts time-skipping locks: `TimeSkippingClient`'s result() unlocks and
    // relocks per call, so awaiting two journeys at once would unbalance the count (time would
    // skip under running activities, then stay locked for good). One unlock for all awaiters.
    const client = new Client({ connection: env.connection, namespace: env.namespace });
    const testService = env.connection.testService;
    if (!testService) throw new Error('The environment has no test service: time cannot skip');
    let awaiting = 0;
    const skippingTime = async <T>(work: Promise<T>): Promise<T> => {
      if (awaiting++ === 0) await testService.unlockTimeSkipping({});
      try {
        return await work;
      } finally {
        if (--awaiting === 0) await testService.lockTimeSkipping({});
      }
    };

    const harness: JourneyHarness = {
      env,
      pool,
      smtp,
      workspaceId,
      taskQueue,
      startWorker,

      async publish(graph, name = 'Scenario') {
        const definition = compileScenario(graph);
        const trigger = triggerOf(definition);
        const {
          rows: [{ id: scenarioId }],
        } = await pool.query(
          `INSERT INTO scenarios (workspace_id, name, draft, status, current_version)
           VALUES ($1, $2, $3, 'live', 1) RETURNING id`,
          [workspaceId, name, graph],
        );
        const {
          rows: [{ id: versionId }],
        } = await pool.query(
          `INSERT INTO scenario_versions (workspace_id, scenario_id, version, graph, definition, trigger_type,
                                          trigger_event, listens_for, exit_events)
           VALUES ($1, $2, 1, $3, $4, $5, $6, $7, $8) RETURNING id`,
          [
            workspaceId,
            scenarioId,
            graph,
            definition,
            trigger.type,
            (trigger.config as { event?: string }).event ?? null,
            definition.listensFor,
            definition.exitCriteria.map((c) => c.event),
          ],
        );
        return { scenarioId, versionId, definition };
      },

      async createCustomer({ email = null, phone = null, traits = {}, consents = [] } = {}) {
        const at = new Date().toISOString();
        const {
          rows: [{ id }],
        } = await pool.query(
          `INSERT INTO profiles (workspace_id, external_id, email, phone, traits, consents)
           VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
          [
            workspaceId,
            `user-${randomUUID()}`,
            email,
            phone,
            traits,
            Object.fromEntries(consents.map((channel) => [channel, { status: 'granted', at }])),
          ],
        );
        return id;
      },

      async storeEvent(profileId, name, properties = {}, occurredAt = new Date()) {
        const {
          rows: [event],
        } = await pool.query(
          `INSERT INTO events (workspace_id, profile_id, name, properties, occurred_at)
           VALUES ($1, $2, $3, $4, $5) RETURNING id, name, properties, occurred_at`,
          [workspaceId, profileId, name, properties, occurredAt],
        );
        return {
          id: event.id,
          name: event.name,
          properties: event.properties,
          occurredAt: event.occurred_at.toISOString(),
        };
      },

      async enter(scenario, profileId, { triggerEvent, taskQueue: queue = taskQueue } = {}) {
        const entryKey = triggerEvent?.id ?? randomUUID();
        const workflowId = journeyWorkflowId(scenario.scenarioId, profileId, entryKey);
        const {
          rows: [{ id: journeyId }],
        } = await pool.query(
          `INSERT INTO journeys (workspace_id, scenario_id, scenario_version_id, profile_id, entry_key,
                                 trigger_event_id, workflow_id)
           VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
          [
            workspaceId,
            scenario.scenarioId,
            scenario.versionId,
            profileId,
            entryKey,
            triggerEvent?.id ?? null,
            workflowId,
          ],
        );
        const input: JourneyWorkflowInput = { journeyId };
        const handle = await client.workflow.start(JOURNEY_WORKFLOW_TYPE, {
          workflowId,
          taskQueue: queue,
          args: [input],
        });
        return {
          journeyId,
          workflowId,
          handle,
          result: () => skippingTime(handle.result() as Promise<JourneyOutcome>),
        };
      },

      async signal(journey, event) {
        await journey.handle.signal(JOURNEY_EVENT_SIGNAL, event);
      },

      async waitForStep(journeyId, nodeId, outcome) {
        await waitFor(`journey ${journeyId} to record ${outcome} on ${nodeId}`, async () => {
          const { rowCount } = await pool.query(
            `SELECT 1 FROM journey_steps WHERE journey_id = $1 AND node_id = $2 AND outcome = $3`,
            [journeyId, nodeId, outcome],
          );
          return rowCount ? true : undefined;
        });
      },

      async steps(journeyId) {
        const { rows } = await pool.query(
          `SELECT step_index, iteration, node_id, outcome, detail FROM journey_steps
           WHERE journey_id = $1 ORDER BY step_index`,
          [journeyId],
        );
        return rows;
      },

      async setPressureRules(input) {
        const rules = pressureRulesSchema.parse(input);
        await pool.query(`UPDATE workspaces SET pressure_rules = $2 WHERE id = $1`, [workspaceId, rules]);
        return rules;
      },

      now: async () => new Date(await env.currentTimeMs()),

      async skipTo(instant) {
        const ahead = instant.getTime() - (await env.currentTimeMs());
        if (ahead > 0) await env.sleep(ahead);
      },

      close,
    };
    return harness;
  } catch (error) {
    await close();
    throw error;
  }
}

const WORKFLOWS_ENTRY = path.join(repoRoot, 'apps/worker/src/workflows/index.ts');
const DOMAIN_JOURNEY_ENTRY = path.join(repoRoot, 'packages/domain/src/journey/index.ts');
const BUNDLE_DIR = path.join(os.tmpdir(), 'parcours-workflow-bundles');

/**
 * The TypeScript files the workflow bundle is made of: relative imports from the workflows' entry,
 * and `@parcours/domain/journey` (type-only imports are erased and not followed).
 */
function workflowSources(): string[] {
  const seen = new Set<string>();
  const visit = (file: string): void => {
    if (seen.has(file) || !fs.existsSync(file)) return;
    seen.add(file);
    const text = fs.readFileSync(file, 'utf8');
    for (const [, typeOnly, specifier] of text.matchAll(
      /(?:import|export)\s+(type\s+)?[^'";]*?from\s+['"]([^'"]+)['"]/g,
    )) {
      if (typeOnly) continue;
      if (specifier === '@parcours/domain/journey') visit(DOMAIN_JOURNEY_ENTRY);
      else if (specifier.startsWith('.')) {
        const base = path.resolve(path.dirname(file), specifier);
        visit(fs.existsSync(`${base}.ts`) ? `${base}.ts` : path.join(base, 'index.ts'));
      }
    }
  };
  visit(WORKFLOWS_ENTRY);
  return [...seen].sort();
}

/**
 * The journey workflow bundled once per state of its sources and kept on disk: bundling takes
 * seconds of CPU, and every time-skipping test file needs it. The workflow sees the domain's
 * sources (not a possibly stale build), as the activities do under Jest.
 */
async function workflowBundlePath(): Promise<string> {
  const hash = createHash('sha256');
  for (const file of workflowSources()) hash.update(file).update(fs.readFileSync(file));
  const bundle = path.join(BUNDLE_DIR, `journey-${hash.digest('hex').slice(0, 16)}.js`);
  if (fs.existsSync(bundle)) return bundle;
  const { code } = await bundleWorkflowCode({
    workflowsPath: WORKFLOWS_ENTRY,
    webpackConfigHook: (config) => ({
      ...config,
      resolve: {
        ...config.resolve,
        alias: {
          ...(config.resolve?.alias as Record<string, string>),
          '@parcours/domain/journey$': DOMAIN_JOURNEY_ENTRY,
        },
      },
    }),
    logger: new DefaultLogger('ERROR'),
  });
  fs.mkdirSync(BUNDLE_DIR, { recursive: true });
  // Bundles of earlier source states are dropped after a day.
  for (const old of fs.readdirSync(BUNDLE_DIR)) {
    const file = path.join(BUNDLE_DIR, old);
    if (Date.now() - fs.statSync(file).mtimeMs > 86_400_000) fs.rmSync(file, { force: true });
  }
  const staging = `${bundle}.${process.pid}`;
  fs.writeFileSync(staging, code);
  fs.renameSync(staging, bundle);
  return bundle;
}

/**
 * A scenario graph from a compact description: nodes as `[id, type, config]`, edges as
 * `'source.port -> target'`, e.g. `scenarioGraph([['start', 'trigger.api', {}], …], ['start.out -> end'])`.
 */
export function scenarioGraph(
  nodes: [id: string, type: string, config: Record<string, unknown>][],
  edges: string[],
  settings?: ScenarioGraphInput['settings'],
): ScenarioGraphInput {
  return {
    nodes: nodes.map(([id, type, config]) => ({ id, type, config })),
    edges: edges.map((description, index) => {
      const match = /^([\w-]+)\.([\w-]+)\s*->\s*([\w-]+)$/.exec(description);
      if (!match) throw new Error(`Edge '${description}' is not 'source.port -> target'`);
      return { id: `e${index}`, source: match[1], sourcePort: match[2], target: match[3] };
    }),
    ...(settings ? { settings } : {}),
  };
}
