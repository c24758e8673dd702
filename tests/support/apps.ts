import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../apps/api/src/database/data-source-options';
import { AppProcess, repoRoot } from './app-process';
import { freePort, waitFor } from './ports';

const run = promisify(execFile);

function adminDatabaseUrl(): string {
  const explicit = process.env.PARCOURS_TEST_PG_URL;
  if (explicit) return explicit;
  const url = new URL(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
  url.pathname = '/postgres';
  return url.toString();
}

/** A fresh database on the test server with every migration applied. */
export async function createTestDatabase(): Promise<string> {
  const name = `parcours_test_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
  const admin = new Client({ connectionString: adminDatabaseUrl() });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminDatabaseUrl());
  url.pathname = `/${name}`;
  const dataSource = await new DataSource(dataSourceOptions(url.toString())).initialize();
  try {
    await dataSource.runMigrations({ transaction: 'each' });
  } finally {
    await dataSource.destroy();
  }
  return url.toString();
}

export interface TestWorkspace {
  workspaceId: string;
  adminKey: string;
  writeKey: string;
  demoScenarioId?: string;
  /** With `--demo`: the studio admin user and its generated password. */
  adminUser?: { email: string; password: string };
}

/** Runs the real bootstrap command, as an operator would. */
export async function bootstrapWorkspace(databaseUrl: string, { demo = false } = {}): Promise<TestWorkspace> {
  const { stdout } = await run(
    process.execPath,
    ['apps/api/dist/cli/bootstrap.js', '--name', 'Test workspace', '--json', ...(demo ? ['--demo'] : [])],
    { cwd: repoRoot, env: { ...process.env, DATABASE_URL: databaseUrl } },
  );
  return JSON.parse(stdout.trim().split('\n').pop() ?? '{}') as TestWorkspace;
}

/** A task queue of its own, so workers of other tests never pick up this test's journeys. */
export function testTaskQueue(): string {
  return `journeys-test-${randomUUID().slice(0, 8)}`;
}

export interface RunningApi {
  url: string;
  process: AppProcess;
  stop(): Promise<void>;
}

export async function startApi({
  databaseUrl,
  taskQueue = testTaskQueue(),
  env = {},
}: {
  databaseUrl: string;
  taskQueue?: string;
  env?: NodeJS.ProcessEnv;
}): Promise<RunningApi> {
  const port = await freePort();
  const api = new AppProcess('api', 'apps/api/dist/main.js', [], {
    DATABASE_URL: databaseUrl,
    API_PORT: String(port),
    API_HOST: '127.0.0.1',
    TEMPORAL_TASK_QUEUE: taskQueue,
    ...env,
  });
  const url = `http://127.0.0.1:${port}`;
  try {
    // Generous: on 2 busy cores, starting Nest with every module can take well over 30 s.
    await waitFor(
      'the API to answer',
      async () => {
        if (!api.running) throw new Error(`API exited:\n${api.log}`);
        return (await fetch(`${url}/health`)).status === 200 ? true : undefined;
      },
      { timeoutMs: 90_000 },
    );
  } catch (error) {
    await api.kill();
    throw new Error(`${(error as Error).message}\n--- api log ---\n${api.log}`, { cause: error });
  }
  return { url, process: api, stop: () => api.stop() };
}

export interface RunningWorker {
  process: AppProcess;
  stop(): Promise<void>;
}

export async function startWorker({
  databaseUrl,
  smtpUrl,
  taskQueue,
  env = {},
}: {
  databaseUrl: string;
  smtpUrl: string;
  taskQueue: string;
  env?: NodeJS.ProcessEnv;
}): Promise<RunningWorker> {
  const worker = new AppProcess('worker', 'apps/worker/dist/main.js', [], {
    DATABASE_URL: databaseUrl,
    SMTP_URL: smtpUrl,
    TEMPORAL_TASK_QUEUE: taskQueue,
    ...env,
  });
  try {
    await waitFor(
      'the worker to poll',
      async () => {
        if (!worker.running) throw new Error('worker exited');
        return worker.log.includes('Journey worker polling') ? true : undefined;
      },
      { timeoutMs: 60_000 },
    );
  } catch (error) {
    await worker.kill();
    throw new Error(`${(error as Error).message}\n--- worker log ---\n${worker.log}`, { cause: error });
  }
  return { process: worker, stop: () => worker.stop() };
}

/** A small JSON client for the API with a key already set. */
export function apiClient(baseUrl: string, authorization: string) {
  return async function call<T = unknown>(
    method: string,
    path: string,
    body?: unknown,
    rawBody?: string,
  ): Promise<{ status: number; body: T }> {
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: { authorization, 'content-type': 'application/json' },
      body: rawBody ?? (body === undefined ? undefined : JSON.stringify(body)),
    });
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : undefined) as T };
  };
}

export const bearer = (key: string) => `Bearer ${key}`;
export const basic = (writeKey: string) => `Basic ${Buffer.from(`${writeKey}:`).toString('base64')}`;
