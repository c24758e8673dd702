// The product that runs journeys, for an integration suite: a fresh database and workspace, the
// built API and worker on a task queue of their own, and an SMTP capture of the email they send.
// `useJourneyStack` is a suite's set-up; `startJourneyStack` the same stack for a harness of its own.
import { type ScenarioGraphInput } from '@parcours/domain';
import { Client } from 'pg';
import {
  apiClient,
  basic,
  bearer,
  bootstrapWorkspace,
  createTestDatabase,
  type RunningApi,
  type RunningWorker,
  startApi,
  startWorker,
  testTaskQueue,
  type TestWorkspace,
} from './apps';
import { type SmtpCapture, startSmtpCapture } from './smtp-capture';

type ApiClient = ReturnType<typeof apiClient>;

const TRACKING_SECRET = 'journey-stack-tracking-secret-0123456789abcdef';

/**
 * The product's processes the stack runs: the API and a worker; the API alone (no journeys run, no
 * SMTP capture); or none, for a suite that starts (and kills) its own on `databaseUrl`.
 */
type Apps = 'api and worker' | 'api' | 'none';

export interface JourneyStackOptions {
  /** `api and worker` unless given. */
  apps?: Apps;
  /** Bootstraps the workspace with the demo data: the demo scenario and a studio admin user. */
  demo?: boolean;
  /** More settings for the API. */
  apiEnv?: NodeJS.ProcessEnv;
  /** More settings for the worker. */
  workerEnv?: NodeJS.ProcessEnv;
  /**
   * Opens and clicks are tracked: the API and the worker share a tracking secret and the links in
   * the worker's email point at this API (so the worker starts once the API answers).
   */
  tracking?: boolean;
}

/** What the stack starts and opens. */
interface Started {
  databaseUrl: string;
  workspace: TestWorkspace;
  /** A connection to the test database, to see what the product stored. */
  db: Client;
  /** The email the worker sends; not with `apps: 'api'`. */
  smtp: SmtpCapture;
  /** Not with `apps: 'none'`. */
  api: RunningApi;
  /** With `apps: 'api and worker'` only. */
  worker: RunningWorker;
}

/** What each choice of `apps` leaves out. */
const LEFT_OUT: Record<Apps, (keyof Started)[]> = {
  'api and worker': [],
  api: ['smtp', 'worker'],
  none: ['api', 'worker'],
};

/** What a suite drives and looks at, there once the stack has started. */
export interface JourneyStack extends Started {
  /** The API with the workspace's admin key. */
  admin: ApiClient;
  /** The API with the workspace's write key (tracking). */
  ingest: ApiClient;
  /** One track call through the write key, expected to be accepted. */
  track(userId: string, event: string, properties?: Record<string, unknown>): Promise<void>;
  /** Creates and publishes a scenario, both expected to succeed; returns its id. */
  publish(name: string, graph: ScenarioGraphInput): Promise<string>;
}

async function start(state: Partial<Started>, options: JourneyStackOptions): Promise<void> {
  const { apps = 'api and worker', apiEnv = {}, demo = false } = options;
  const databaseUrl = (state.databaseUrl = await createTestDatabase());
  state.workspace = await bootstrapWorkspace(databaseUrl, { demo });
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  state.db = db;
  if (apps === 'api') {
    state.api = await startApi({ databaseUrl, env: apiEnv });
    return;
  }
  const smtp = (state.smtp = await startSmtpCapture());
  if (apps === 'api and worker') await startApiAndWorker(state, databaseUrl, smtp.url, options);
}

async function startApiAndWorker(
  state: Partial<Started>,
  databaseUrl: string,
  smtpUrl: string,
  { apiEnv = {}, workerEnv = {}, tracking = false }: JourneyStackOptions,
): Promise<void> {
  const taskQueue = testTaskQueue();
  const api = async (env: NodeJS.ProcessEnv) => (state.api = await startApi({ databaseUrl, taskQueue, env }));
  const worker = async (env: NodeJS.ProcessEnv) =>
    (state.worker = await startWorker({ databaseUrl, smtpUrl, taskQueue, env }));
  if (tracking) {
    const { url } = await api({ TRACKING_SECRET, ...apiEnv });
    await worker({ TRACKING_SECRET, PUBLIC_API_URL: url, ...workerEnv });
    return;
  }
  // Both settled before throwing, so that the one that did start is stopped with the rest.
  const failed = (await Promise.allSettled([api(apiEnv), worker(workerEnv)])).find(
    (result) => result.status === 'rejected',
  );
  if (failed) throw failed.reason;
}

async function stop(state: Partial<Started>): Promise<void> {
  await Promise.all([state.api?.stop(), state.worker?.stop()]);
  await Promise.all([state.smtp?.close(), state.db?.end()]);
}

function handleOn(state: Partial<Started>, { apps = 'api and worker' }: JourneyStackOptions): JourneyStack {
  const required = <K extends keyof Started>(key: K): Started[K] => {
    const value = state[key];
    if (value === undefined) {
      const why = LEFT_OUT[apps].includes(key) ? ` with apps: '${apps}'` : ' yet';
      throw new Error(`journey stack: no ${key}${why}`);
    }
    return value as Started[K];
  };
  const stack: JourneyStack = {
    get databaseUrl() {
      return required('databaseUrl');
    },
    get workspace() {
      return required('workspace');
    },
    get db() {
      return required('db');
    },
    get smtp() {
      return required('smtp');
    },
    get api() {
      return required('api');
    },
    get worker() {
      return required('worker');
    },
    get admin() {
      return apiClient(required('api').url, bearer(required('workspace').adminKey));
    },
    get ingest() {
      return apiClient(required('api').url, basic(required('workspace').writeKey));
    },
    async track(userId, event, properties = {}) {
      const res = await stack.ingest('POST', '/v1/track', { userId, event, properties });
      expect(res.status).toBe(200);
    },
    async publish(name, graph) {
      const created = await stack.admin<{ id: string }>('POST', '/scenarios', { name, graph });
      expect(created.status).toBe(201);
      expect((await stack.admin('POST', `/scenarios/${created.body.id}/publish`)).status).toBe(201);
      return created.body.id;
    },
  };
  return stack;
}

/**
 * A suite's journey stack, by hooks registered where it is called: before all, a fresh database and
 * workspace, an SMTP capture, the API and the worker (as `apps` says); after all, all of it stopped.
 * Jest runs a suite's hooks in the order they are registered: its own `beforeAll` registered after
 * this call finds the stack started, its own `afterAll` runs once the stack is stopped. The handle's
 * fields are there once the set-up ran: read them inside tests and hooks, not when the suite is
 * declared.
 */
export function useJourneyStack(options: JourneyStackOptions = {}): JourneyStack {
  const state: Partial<Started> = {};
  beforeAll(() => start(state, options));
  afterAll(() => stop(state));
  return handleOn(state, options);
}

/** The same stack, started now; `close` stops it. */
export async function startJourneyStack(
  options: JourneyStackOptions = {},
): Promise<JourneyStack & { close(): Promise<void> }> {
  const state: Partial<Started> = {};
  try {
    await start(state, options);
  } catch (error) {
    await stop(state);
    throw error;
  }
  return Object.assign(handleOn(state, options), { close: () => stop(state) });
}
