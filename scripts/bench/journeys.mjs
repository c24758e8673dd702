// `npm run bench -- journeys`: (a) journeys/s through a five-step journey (trigger → condition →
// email → wait → exit) against a bare Temporal workflow scheduling the same activities and timers
// with activities that do nothing, in the same run, drained by worker processes with the same
// settings; (b) the journey worker's memory with 20 000 sleeping journeys. Against a real Temporal
// server on PostgreSQL (scripts/stack/temporal-server.mjs), never the dev server. Not a test: it
// prints the figures and writes them to docs/benchmarks.md. Needs `npm run build`.
//
// It drives the engine only through its public contract: the API (scenarios, profiles, tracked
// events; the API's own dispatcher starts the journeys), the worker process, and Temporal's view
// of the workflows (visibility queries on the search attributes of @parcours/domain/journey, one
// journey's history). See docs/benchmarks.md, "Journeys".
import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { Client, Connection } from '@temporalio/client';
import proto from '@temporalio/proto';
import pg from 'pg';
import { SMTPServer } from 'smtp-server';
import { freePort } from '../stack/ports.mjs';
import { startPostgres } from '../stack/postgres.mjs';
import { isRunning, spawnChild, stopChild } from '../stack/processes.mjs';
import { freeTemporalServerPort, postgresServerOf, startTemporalServer } from '../stack/temporal-server.mjs';
import { cpuMsOf, processTreeCpuMs } from './cpu.mjs';
import { machine, writeSection } from './report.mjs';

const run = promisify(execFile);
const { temporal } = proto;
const require = createRequire(import.meta.url);
// The engine's contract: the search attributes every journey workflow carries.
const { JOURNEY_SEARCH_ATTRIBUTES } = require('@parcours/domain/journey');
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const dist = {
  migrate: path.join(root, 'apps/api/dist/cli/migrate.js'),
  bootstrap: path.join(root, 'apps/api/dist/cli/bootstrap.js'),
  api: path.join(root, 'apps/api/dist/main.js'),
  worker: path.join(root, 'apps/worker/dist/main.js'),
  bareWorker: path.join(root, 'scripts/bench/bare-temporal/worker.mjs'),
  workerConfig: path.join(root, 'apps/worker/dist/config.js'),
};

const settings = {
  journeys: Number(process.env.BENCH_JOURNEYS ?? 500),
  rounds: Number(process.env.BENCH_ROUNDS ?? 3),
  sleeping: Number(process.env.BENCH_SLEEPING ?? 20_000),
  historyShards: Number(process.env.BENCH_HISTORY_SHARDS ?? 4),
  timeoutS: Number(process.env.BENCH_TIMEOUT_S ?? 7_200),
  report: process.env.BENCH_REPORT ?? path.join(root, 'docs/benchmarks.md'),
};
const WARM_UP = 100;
const JOURNEY_QUEUE = 'bench-journeys';
const BARE_QUEUE = 'bench-bare';
const BATCH = 100; // track calls per POST /v1/batch
const SLEEPING_DISPATCHERS = 4; // API processes while the sleeping journeys are started

const cleanups = [];
async function cleanUp() {
  while (cleanups.length > 0) {
    try {
      await cleanups.pop()();
    } catch (error) {
      console.error(`cleanup: ${error.message}`);
    }
  }
}

// Without its own timeout a wait is bounded by the benchmark's (BENCH_TIMEOUT_S).
async function waitUntil(what, check, { timeoutMs = settings.timeoutS * 1_000, intervalMs = 250 } = {}) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await sleep(intervalMs);
  }
}

/** Runs `work(i)` for i in [0, count) on `concurrency` concurrent loops. */
async function inParallel(count, concurrency, work) {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) await work(next++);
    }),
  );
}

// ---- backing services -------------------------------------------------------------------------

/**
 * Postgres for the app and for Temporal: embedded (default settings, fsync on) in a temporary
 * directory, or the server of DATABASE_URL with scratch databases dropped afterwards.
 */
async function postgres() {
  const suffix = randomUUID().replace(/-/g, '').slice(0, 10);
  const tempDir = fs.mkdtempSync(path.join(os.tmpdir(), 'parcours-bench-'));
  fs.chmodSync(tempDir, 0o755); // as root, Postgres runs as `postgres` and must reach its data dir
  cleanups.push(async () => fs.rmSync(tempDir, { recursive: true, force: true }));
  if (process.env.DATABASE_URL) {
    const server = postgresServerOf(process.env.DATABASE_URL);
    const databases = {
      app: `parcours_bench_${suffix}`,
      main: `parcours_bench_${suffix}_temporal`,
      visibility: `parcours_bench_${suffix}_temporal_visibility`,
    };
    const admin = async (sql) => {
      const client = new pg.Client({ connectionString: server.adminUrl });
      await client.connect();
      try {
        await client.query(sql);
      } finally {
        await client.end();
      }
    };
    await admin(`CREATE DATABASE ${databases.app}`);
    // Dropped last: the Temporal server and the apps are stopped first (cleanups run in reverse).
    cleanups.push(async () => {
      for (const name of Object.values(databases))
        await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    });
    const appUrl = new URL(process.env.DATABASE_URL);
    appUrl.pathname = `/${databases.app}`;
    return {
      server,
      databases,
      appUrl: appUrl.toString(),
      tempDir,
      description: `given DATABASE_URL (scratch databases ${databases.app}*)`,
    };
  }
  const embedded = await startPostgres({
    dataDir: path.join(tempDir, 'pgdata'),
    port: await freePort(),
    database: 'parcours_bench',
    detached: false,
    // Temporal's four services keep pools of their own, next to the API's and the worker's.
    postgresFlags: ['-c', 'max_connections=300'],
  });
  cleanups.push(() => embedded.stop());
  return {
    server: postgresServerOf(embedded.url),
    databases: { main: 'temporal', visibility: 'temporal_visibility' },
    appUrl: embedded.url,
    tempDir,
    postmasterPid: embedded.pid,
    description: 'embedded Postgres, default settings (fsync and synchronous_commit on), max_connections=300',
  };
}

/** An SMTP server on loopback that accepts and counts every message (the journeys' "provider"). */
async function smtpSink() {
  let received = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      stream.on('end', () => {
        received++;
        callback();
      });
      stream.resume();
    },
  });
  const port = await freePort();
  await new Promise((resolve) => server.listen(port, '127.0.0.1', resolve));
  cleanups.push(() => new Promise((resolve) => server.close(resolve)));
  return { url: `smtp://127.0.0.1:${port}`, received: () => received };
}

/**
 * A Node process of ours (API, worker), ready once a line matches `ready` (at once without one).
 * Its last lines explain a failure.
 */
async function startProcess(name, script, env, ready) {
  const lines = [];
  const child = spawnChild(process.execPath, [script], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let isReady = !ready;
  for (const stream of [child.stdout, child.stderr]) {
    readline.createInterface({ input: stream, crlfDelay: Infinity }).on('line', (line) => {
      lines.push(line);
      if (lines.length > 60) lines.shift();
      if (!isReady && ready.test(line)) isReady = true;
    });
  }
  const stop = () => stopChild(child, { signal: 'SIGTERM', timeoutMs: 30_000 });
  cleanups.push(stop);
  const log = () => lines.join('\n');
  await waitUntil(
    `${name} to start`,
    () => {
      if (!isRunning(child)) throw new Error(`${name} exited:\n${log()}`);
      return isReady;
    },
    { timeoutMs: 120_000 },
  );
  return {
    pid: child.pid,
    log,
    assertRunning: () => {
      if (!isRunning(child)) throw new Error(`${name} exited:\n${log()}`);
    },
    stop: async () => {
      cleanups.splice(cleanups.indexOf(stop), 1);
      await stop();
    },
  };
}

// ---- the product ------------------------------------------------------------------------------

function apiClient(baseUrl, authorization) {
  return async (method, route, body) => {
    const response = await fetch(`${baseUrl}${route}`, {
      method,
      headers: { authorization, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (response.status >= 300)
      throw new Error(`${method} ${route}: ${response.status} ${text.slice(0, 500)}`);
    return text ? JSON.parse(text) : undefined;
  };
}

const at = (y) => ({ x: 250, y });

/** Trigger → condition (lives in France) → email → wait → exit; customers elsewhere exit at once. */
function measuredScenario(event, waitSeconds) {
  return {
    nodes: [
      {
        id: 'signup',
        type: 'trigger.event',
        label: 'Signed up',
        position: at(0),
        config: { event, filters: [] },
      },
      {
        id: 'in-france',
        type: 'condition.attribute',
        label: 'Lives in France?',
        position: at(150),
        config: { path: 'country', operator: 'equals', value: 'FR' },
      },
      {
        id: 'welcome',
        type: 'send.email',
        label: 'Welcome email',
        position: at(300),
        config: { subject: 'Bienvenue {{ profile.firstName }}', text: 'Bonjour {{ profile.firstName }} !' },
      },
      {
        id: 'pause',
        type: 'wait.duration',
        label: 'Short wait',
        position: at(450),
        config: { amount: waitSeconds, unit: 'seconds' },
      },
      { id: 'done', type: 'exit', label: 'Exit', position: at(600), config: {} },
    ],
    edges: [
      { id: 'e1', source: 'signup', sourcePort: 'out', target: 'in-france' },
      { id: 'e2', source: 'in-france', sourcePort: 'yes', target: 'welcome' },
      { id: 'e3', source: 'in-france', sourcePort: 'no', target: 'done' },
      { id: 'e4', source: 'welcome', sourcePort: 'out', target: 'pause' },
      { id: 'e5', source: 'pause', sourcePort: 'out', target: 'done' },
    ],
  };
}

/** Trigger → wait 30 days → exit: journeys that sleep for the whole benchmark. */
function sleepingScenario(event) {
  return {
    nodes: [
      {
        id: 'signup',
        type: 'trigger.event',
        label: 'Signed up',
        position: at(0),
        config: { event, filters: [] },
      },
      {
        id: 'later',
        type: 'wait.duration',
        label: '30 days',
        position: at(150),
        config: { amount: 30, unit: 'days' },
      },
      { id: 'done', type: 'exit', label: 'Exit', position: at(300), config: {} },
    ],
    edges: [
      { id: 'e1', source: 'signup', sourcePort: 'out', target: 'later' },
      { id: 'e2', source: 'later', sourcePort: 'out', target: 'done' },
    ],
  };
}

async function publish(admin, name, graph) {
  const { id } = await admin('POST', '/scenarios', { name, graph });
  await admin('POST', `/scenarios/${id}/publish`);
  return id;
}

/** Tracks `event` once for each user id, in batches, as an SDK would; returns when all are stored. */
async function track(ingest, userIds, event) {
  const batches = Math.ceil(userIds.length / BATCH);
  await inParallel(batches, 4, async (b) => {
    const batch = userIds.slice(b * BATCH, (b + 1) * BATCH).map((userId) => ({
      type: 'track',
      userId,
      event,
      messageId: randomUUID(),
      properties: { plan: 'free' },
    }));
    const result = await ingest('POST', '/v1/batch', { batch });
    if (result.errors?.length)
      throw new Error(`Batch refused: ${JSON.stringify(result.errors).slice(0, 500)}`);
  });
}

// ---- Temporal's view --------------------------------------------------------------------------

/** Visibility queries over the workflows matching `filter` started since a moment. */
function workflowsOf(client, filter, since) {
  const base = `${filter} AND StartTime >= '${since.toISOString()}'`;
  const count = async (extra) => (await client.workflow.count(`${base} AND ${extra}`)).count;
  return {
    running: () => count(`ExecutionStatus = 'Running'`),
    completed: () => count(`ExecutionStatus = 'Completed'`),
    failed: () => count(`ExecutionStatus != 'Running' AND ExecutionStatus != 'Completed'`),
    async latest(field) {
      let latest = 0;
      for await (const info of client.workflow.list({ query: base })) {
        latest = Math.max(latest, info[field]?.getTime() ?? 0);
      }
      return latest;
    },
    list: (extra) => client.workflow.list({ query: `${base} AND ${extra}` }),
  };
}

const durationMs = (d) => Number(String(d?.seconds ?? 0)) * 1_000 + (d?.nanos ?? 0) / 1e6;

/**
 * What a workflow scheduled, in order (activities, local activities, timers in ms), and the size of
 * its history (events, encoded bytes: what Temporal stores per journey).
 */
async function shapeOf(client, workflowId, runId) {
  const history = await client.workflow.getHandle(workflowId, runId).fetchHistory();
  const steps = history.events.flatMap((event) => {
    if (event.activityTaskScheduledEventAttributes) return ['activity'];
    if (event.markerRecordedEventAttributes?.markerName === 'core_local_activity') return ['local-activity'];
    if (event.timerStartedEventAttributes)
      return [durationMs(event.timerStartedEventAttributes.startToFireTimeout)];
    return [];
  });
  const bytes = temporal.api.history.v1.History.encode(history).finish().length;
  return { steps, events: history.events.length, bytes };
}

const timestampMs = (t) => Number(String(t?.seconds ?? 0)) * 1_000 + (t?.nanos ?? 0) / 1e6;

/**
 * For a sample of completed workflows: how long their tasks waited for a worker (scheduled →
 * started) and ran (started → completed), on average, by activity type and for workflow tasks
 * (the first one apart: in these runs it waits in the backlog for a worker).
 */
async function taskTimings(client, workflows, sampleSize = 20) {
  const sums = new Map();
  const add = (name, waited, ran) => {
    const sum = sums.get(name) ?? { waited: 0, ran: 0, n: 0 };
    sums.set(name, { waited: sum.waited + waited, ran: sum.ran + ran, n: sum.n + 1 });
  };
  for (const { workflowId, runId } of await firstOf(
    workflows.list(`ExecutionStatus = 'Completed'`),
    sampleSize,
  )) {
    const { events } = await client.workflow.getHandle(workflowId, runId).fetchHistory();
    const byId = new Map(events.map((event) => [String(event.eventId), event]));
    const firstTask = events.find((event) => event.workflowTaskScheduledEventAttributes);
    for (const event of events) {
      const done = event.activityTaskCompletedEventAttributes ?? event.workflowTaskCompletedEventAttributes;
      if (!done) continue;
      const scheduled = byId.get(String(done.scheduledEventId));
      const started = byId.get(String(done.startedEventId));
      const name = event.activityTaskCompletedEventAttributes
        ? scheduled.activityTaskScheduledEventAttributes.activityType.name
        : scheduled === firstTask
          ? 'first workflow task'
          : 'workflow task';
      add(
        name,
        timestampMs(started.eventTime) - timestampMs(scheduled.eventTime),
        timestampMs(event.eventTime) - timestampMs(started.eventTime),
      );
    }
  }
  return [...sums].map(([name, { waited, ran, n }]) => ({ name, waitedMs: waited / n, ranMs: ran / n }));
}

async function isSleeping(client, workflowId, runId) {
  const history = await client.workflow.getHandle(workflowId, runId).fetchHistory();
  const started = history.events.filter((e) => e.timerStartedEventAttributes).length;
  const fired = history.events.filter((e) => e.timerFiredEventAttributes).length;
  return started > fired;
}

// ---- measurements -----------------------------------------------------------------------------

/**
 * When Temporal first sees process `pid` poll `queue` for workflow tasks (the SDK's default worker
 * identity is `<pid>@<host>`): the worker has started work, whatever it printed and when.
 */
async function firstPoll(client, queue, pid) {
  return waitUntil(
    `worker ${pid} to poll ${queue}`,
    async () => {
      const { pollers } = await client.workflowService.describeTaskQueue({
        namespace: client.options.namespace,
        taskQueue: { name: queue },
        taskQueueType: temporal.api.enums.v1.TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW,
      });
      return pollers.some((poller) => poller.identity.startsWith(`${pid}@`)) && Date.now();
    },
    { timeoutMs: 60_000, intervalMs: 50 },
  );
}

/**
 * Starts a worker on a queue already holding `count` started workflows and measures how fast it
 * completes them all: from its first poll (as the Temporal server saw it) to the last close time Temporal recorded.
 */
async function drain({ client, workflows, queue, count, startWorker, cpu }) {
  const worker = await startWorker();
  try {
    const polling = await firstPoll(client, queue, worker.pid);
    // CPU from the first poll on (the worker's start, bundling its workflows, is not counted).
    const cpuBefore = cpu(worker.pid);
    await waitUntil(
      `${count} completions on ${queue}`,
      async () => {
        worker.assertRunning();
        const failed = await workflows.failed();
        if (failed > 0)
          throw new Error(`${failed} workflow(s) on ${queue} did not complete:\n${worker.log()}`);
        return (await workflows.completed()) >= count;
      },
      { intervalMs: 200 },
    );
    const cpuAfter = cpu(worker.pid);
    const lastClose = await workflows.latest('closeTime');
    const seconds = (lastClose - polling) / 1_000;
    // CPU milliseconds per workflow, per process (null where not measurable).
    const cpuPerWorkflow = Object.fromEntries(
      Object.entries(cpuAfter).map(([name, ms]) => [
        name,
        ms === null ? null : (ms - cpuBefore[name]) / count,
      ]),
    );
    return {
      seconds,
      rate: count / seconds,
      cpu: cpuPerWorkflow,
      tasks: await taskTimings(client, workflows),
    };
  } finally {
    await worker.stop();
  }
}

/** The first `n` items of an async iterable. */
async function firstOf(iterable, n) {
  const items = [];
  for await (const item of iterable) {
    items.push(item);
    if (items.length >= n) break;
  }
  return items;
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function rssMiB(pid) {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    return Number(/VmRSS:\s+(\d+) kB/.exec(status)[1]) / 1024;
  } catch {
    return null;
  }
}

/**
 * The journey worker's resident memory with `settings.sleeping` journeys asleep on a long timer:
 * sampled from before the first one is dispatched until 20 s after all of them are asleep.
 */
async function sleepingJourneysMemory({ client, ingest, startApi, startWorker, journeys }) {
  const worker = await startWorker();
  const samples = [];
  const sampler = setInterval(() => {
    const rss = rssMiB(worker.pid);
    if (rss !== null) samples.push({ at: Date.now(), rss });
  }, 500);
  cleanups.push(async () => clearInterval(sampler));
  const atStart = rssMiB(worker.pid);
  // More dispatchers, as more API replicas would be: starting 20 000 journeys one API at a time
  // takes long on a loaded machine, and how they start is not what this part measures.
  const extraApis = await Promise.all(Array.from({ length: SLEEPING_DISPATCHERS - 1 }, startApi));
  const since = new Date();
  const sleepers = Array.from({ length: settings.sleeping }, (_, i) => `sleeper-${i}`);
  await track(ingest, sleepers, 'bench.sleep');
  const sleeping = journeys(since);
  await waitUntil(
    `${settings.sleeping} sleeping journeys started`,
    async () => {
      worker.assertRunning();
      return (await sleeping.running()) >= settings.sleeping;
    },
    { intervalMs: 1_000 },
  );
  await Promise.all(extraApis.map((api) => api.stop()));
  // Settled: the worker has been idle for a while and the last journeys started are on their timer.
  await waitUntil(
    'the worker to settle',
    async () => {
      const cpuBefore = cpuMsOf(worker.pid);
      await sleep(3_000);
      if (cpuMsOf(worker.pid) - cpuBefore > 150) return false;
      const latest = await firstOf(sleeping.list(`ExecutionStatus = 'Running'`), 20);
      return (await Promise.all(latest.map((i) => isSleeping(client, i.workflowId, i.runId)))).every(Boolean);
    },
    { intervalMs: 0 },
  );
  const settledAt = Date.now();
  await sleep(20_000);
  clearInterval(sampler);
  await worker.stop();
  return {
    atStart,
    peak: Math.max(...samples.map((s) => s.rss)),
    settled: Math.max(...samples.filter((s) => s.at >= settledAt).map((s) => s.rss)),
    rampSeconds: (settledAt - since.getTime()) / 1_000,
  };
}

/** Per process, the median over the rounds of the CPU per journey and per bare workflow. */
function medianCpu(rounds) {
  const of = (which, process) => {
    const values = rounds.map((r) => r[which].cpu[process]);
    return values.includes(null) ? null : median(values);
  };
  const each = (which) => ({
    worker: of(which, 'worker'),
    temporal: of(which, 'temporal'),
    postgres: of(which, 'postgres'),
  });
  return { journey: each('journey'), bare: each('bare') };
}

async function main() {
  const missing = Object.values(dist).filter((file) => !fs.existsSync(file));
  if (missing.length) throw new Error(`Build first (npm run build): missing ${missing.join(', ')}`);
  const started = Date.now();
  const loadBefore = os.loadavg();

  const db = await postgres();
  const serverErrors = { count: 0, last: undefined };
  console.log('Starting the Temporal server on PostgreSQL…');
  const temporal = await startTemporalServer({
    port: await freeTemporalServerPort(),
    postgres: db.server,
    databases: { main: db.databases.main, visibility: db.databases.visibility },
    configDir: path.join(db.tempDir, 'temporal'),
    numHistoryShards: settings.historyShards,
    retention: '24h',
    detached: false,
    // Under load the server logs updates given up (a poll that timed out, a worker stopped):
    // counted, not printed; what counts is that every workflow completes, which is checked.
    onLine: (line) => {
      if (!/^(error|fatal)/.test(line)) return;
      serverErrors.count++;
      serverErrors.last = line;
    },
  });
  cleanups.push(() => temporal.stop());
  const smtp = await smtpSink();
  /** CPU ms used so far by a worker process, the Temporal server and Postgres (all its processes). */
  const cpu = (workerPid) => ({
    worker: cpuMsOf(workerPid),
    temporal: cpuMsOf(temporal.pid),
    postgres: processTreeCpuMs(db.postmasterPid),
  });

  const appEnv = {
    DATABASE_URL: db.appUrl,
    TEMPORAL_ADDRESS: temporal.address,
    TEMPORAL_NAMESPACE: temporal.namespace,
  };
  await run(process.execPath, [dist.migrate], { env: { ...process.env, ...appEnv } });
  const { stdout } = await run(process.execPath, [dist.bootstrap, '--name', 'Bench', '--json'], {
    env: { ...process.env, ...appEnv },
  });
  const workspace = JSON.parse(stdout.trim().split('\n').pop());

  /** An API process; every one also runs the trigger dispatcher (they share the outbox). */
  async function startApi() {
    const port = await freePort();
    const api = await startProcess('api', dist.api, {
      ...appEnv,
      API_PORT: String(port),
      API_HOST: '127.0.0.1',
      TEMPORAL_TASK_QUEUE: JOURNEY_QUEUE,
    });
    const url = `http://127.0.0.1:${port}`;
    await waitUntil('the API to answer /health', async () => {
      api.assertRunning();
      return (await fetch(`${url}/health`).catch(() => null))?.status === 200;
    });
    return { ...api, url };
  }
  const apiProcess = await startApi();
  const apiUrl = apiProcess.url;
  const admin = apiClient(apiUrl, `Bearer ${workspace.adminKey}`);
  const ingest = apiClient(apiUrl, `Basic ${Buffer.from(`${workspace.writeKey}:`).toString('base64')}`);

  const connection = await Connection.connect({ address: temporal.address });
  cleanups.push(() => connection.close());
  const client = new Client({ connection, namespace: temporal.namespace });

  const waitSeconds = 1; // the shortest wait.duration accepts
  const measuredScenarioId = await publish(
    admin,
    'Bench: welcome',
    measuredScenario('bench.signup', waitSeconds),
  );
  const sleepingScenarioId = await publish(admin, 'Bench: sleep', sleepingScenario('bench.sleep'));

  // Customers who pass the condition and consented to email, so every journey walks all five steps.
  const customers = Array.from({ length: Math.max(settings.journeys, WARM_UP) }, (_, i) => `customer-${i}`);
  console.log(`Creating ${customers.length} customers…`);
  await inParallel(customers.length, 8, (i) =>
    admin('PUT', `/profiles/${customers[i]}`, {
      email: `${customers[i]}@bench.test`,
      traits: { firstName: 'Camille', country: 'FR' },
      consents: { email: { status: 'granted', source: 'bench' } },
    }),
  );

  const workerEnv = {
    ...appEnv,
    SMTP_URL: smtp.url,
    // The provider limit, not what is measured: the sink takes whatever comes.
    SMTP_RATE_PER_SECOND: '10000',
  };
  const startJourneyWorker = () =>
    startProcess('worker', dist.worker, { ...workerEnv, TEMPORAL_TASK_QUEUE: JOURNEY_QUEUE }, /polling/);
  const startBareWorker = () =>
    startProcess(
      'bare worker',
      dist.bareWorker,
      { ...workerEnv, TEMPORAL_TASK_QUEUE: BARE_QUEUE },
      /polling/,
    );

  /** The journeys of a scenario, found by the search attribute the engine sets. */
  const journeysOf = (scenarioId, since) =>
    workflowsOf(client, `${JOURNEY_SEARCH_ATTRIBUTES.scenarioId} = '${scenarioId}'`, since);

  /** `count` journeys: their events tracked and dispatched (no worker yet), then drained. */
  async function journeyRun(count) {
    const since = new Date();
    const mailsBefore = smtp.received();
    await track(ingest, customers.slice(0, count), 'bench.signup');
    const workflows = journeysOf(measuredScenarioId, since);
    await waitUntil(`${count} journeys dispatched`, async () => (await workflows.running()) >= count);
    const dispatchSeconds = ((await workflows.latest('startTime')) - since.getTime()) / 1_000;
    const drained = await drain({
      client,
      workflows,
      queue: JOURNEY_QUEUE,
      count,
      startWorker: startJourneyWorker,
      cpu,
    });
    const mails = smtp.received() - mailsBefore;
    if (mails !== count) throw new Error(`${count} journeys completed but ${mails} emails arrived`);
    return { ...drained, dispatchRate: count / dispatchSeconds, since };
  }

  /** `count` bare workflows of `shape`, started with the client (no worker yet), then drained. */
  async function bareRun(count, shape) {
    const since = new Date();
    await inParallel(count, 20, (i) =>
      client.workflow.start('bareWorkflow', {
        taskQueue: BARE_QUEUE,
        workflowId: `bare-${since.getTime()}-${i}`,
        args: [shape],
      }),
    );
    const workflows = workflowsOf(
      client,
      `WorkflowType = 'bareWorkflow' AND TaskQueue = '${BARE_QUEUE}'`,
      since,
    );
    await waitUntil(`${count} bare workflows started`, async () => (await workflows.running()) >= count);
    return drain({
      client,
      workflows,
      queue: BARE_QUEUE,
      count,
      startWorker: startBareWorker,
      cpu,
    });
  }

  // Warm-up (not measured): Temporal, Postgres and the API's paths, and the journey's shape.
  console.log(`Warm-up: ${WARM_UP} journeys…`);
  const warmUp = await journeyRun(WARM_UP);
  const [sample] = await firstOf(
    journeysOf(measuredScenarioId, warmUp.since).list(`ExecutionStatus = 'Completed'`),
    1,
  );
  const history = await shapeOf(client, sample.workflowId, sample.runId);
  const shape = history.steps;
  console.log(
    `A journey schedules: ${shape.map((s) => (typeof s === 'number' ? `timer ${s} ms` : s)).join(', ')}; ` +
      `its history: ${history.events} events, ${history.bytes} bytes`,
  );
  await bareRun(WARM_UP, shape);

  const rounds = [];
  for (let round = 0; round < settings.rounds; round++) {
    // Alternate which goes first, so both meet the same drift of table sizes and background load.
    const journeyFirst = round % 2 === 0;
    const result = {};
    for (const which of journeyFirst ? ['journey', 'bare'] : ['bare', 'journey']) {
      result[which] =
        which === 'journey' ? await journeyRun(settings.journeys) : await bareRun(settings.journeys, shape);
    }
    rounds.push(result);
    console.log(
      `round ${round + 1}: journeys ${perSecond(result.journey.rate)}/s, bare workflows ${perSecond(result.bare.rate)}/s, ` +
        `ratio ${(result.journey.rate / result.bare.rate).toFixed(2)}; dispatch ${perSecond(result.journey.dispatchRate)} journeys/s`,
    );
  }

  // (b) Memory with many sleeping journeys: dispatched while the worker runs, as in production.
  console.log(`Memory: ${settings.sleeping} sleeping journeys…`);
  const memory = await sleepingJourneysMemory({
    client,
    ingest,
    startApi,
    startWorker: startJourneyWorker,
    journeys: (since) => journeysOf(sleepingScenarioId, since),
  });
  apiProcess.assertRunning();
  console.log(
    `worker RSS with ${settings.sleeping} sleeping journeys: ${int(memory.settled)} MiB settled, ` +
      `${int(memory.peak)} MiB peak (${int(memory.atStart)} MiB idle at start)`,
  );

  const result = {
    settings,
    shape,
    history,
    waitSeconds,
    rounds,
    journey: median(rounds.map((r) => r.journey.rate)),
    bare: median(rounds.map((r) => r.bare.rate)),
    ratio: median(rounds.map((r) => r.journey.rate / r.bare.rate)),
    dispatch: median(rounds.map((r) => r.journey.dispatchRate)),
    cpu: medianCpu(rounds),
    memory,
    // What both worker processes ran with (the bare worker applies the same `workerTuning`).
    tuning: workerTuningOf({ ...process.env, ...workerEnv }),
    postgres: db.description,
    postgresVersion: await serverVersion(db.appUrl),
    load: { before: loadBefore, after: os.loadavg() },
    minutes: (Date.now() - started) / 60_000,
    machine: await machine(),
  };
  console.log(
    `\nmedian of ${settings.rounds}: journeys ${perSecond(result.journey)}/s, bare ${perSecond(result.bare)}/s, ` +
      `ratio ${result.ratio.toFixed(2)} (target ≥ 0.8); RSS ${int(memory.settled)} MiB (target < 1 GiB)`,
  );
  if (serverErrors.count > 0) {
    console.log(`The Temporal server logged ${serverErrors.count} errors, the last: ${serverErrors.last}`);
  }
  await writeSection(settings.report, 'Journeys', reportSection(result));
  console.log(`written to ${path.relative(root, settings.report)}`);
}

function workerTuningOf(env) {
  const { loadWorkerConfig, workerTuning } = require(dist.workerConfig);
  return workerTuning(loadWorkerConfig(env));
}

async function serverVersion(url) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query('SHOW server_version')).rows[0].server_version;
  } finally {
    await client.end();
  }
}

const int = (n) => Math.round(n).toLocaleString('en-US');
/** A rate: one decimal while it is small. */
const perSecond = (n) => (n < 100 ? n.toFixed(1) : int(n));

function taskTable(title, tasks) {
  const rows = tasks.map((t) => `| ${t.name} | ${int(t.waitedMs)} | ${int(t.ranMs)} |`).join('\n');
  return `| ${title}: task | waited for a worker, ms | ran, ms |\n| --- | ---: | ---: |\n${rows}`;
}

/** The CPU figures (medians, ms per workflow) in words: what a journey costs beyond the bare run. */
function whereTimeGoes({ journey, bare }) {
  const total = (x) => x.worker + x.temporal + (x.postgres ?? 0);
  const more = (name) => int(journey[name] - bare[name]);
  return `The processes share the machine's cores (with other work: see the load average), so the
rates follow the CPU each workflow costs, all processes together: ${int(total(journey))} ms per journey,
${int(total(bare))} ms per bare workflow (medians). Per journey, the worker spent ${more('worker')} ms more than
for a bare workflow (the activities' work: loading the journey and the profile, the condition,
rendering and sending the email, recording each step) and Postgres ${journey.postgres === null ? 'n/a' : `${more('postgres')} ms`}
more (the app's rows: journey, steps, message ledger); the Temporal server ${int(journey.temporal)} ms against
${int(bare.temporal)} ms (the same events, larger payloads). What any workflow costs there — the Temporal server, and
Postgres as much as for a bare workflow — is ${Math.round((100 * (bare.temporal + (bare.postgres ?? 0))) / total(journey))} % of a journey's CPU.`;
}

function reportSection(r) {
  const s = r.settings;
  const steps = r.shape.map((x) => (typeof x === 'number' ? `timer (${x} ms)` : x)).join(' → ');
  const activities = r.shape.filter((x) => typeof x !== 'number').length;
  const tuning = Object.entries(r.tuning)
    .map(([name, value]) => `\`${name}\` ${value}`)
    .join(', ');
  const cpu = ({ worker, temporal, postgres }) =>
    [worker, temporal, postgres].map((ms) => (ms === null ? 'n/a' : int(ms))).join(' / ');
  const roundRows = r.rounds
    .map(
      (x, i) =>
        `| ${i + 1} | ${perSecond(x.journey.rate)} | ${perSecond(x.bare.rate)} | ${(x.journey.rate / x.bare.rate).toFixed(2)} | ` +
        `${cpu(x.journey.cpu)} | ${cpu(x.bare.cpu)} | ${perSecond(x.journey.dispatchRate)} |`,
    )
    .join('\n');
  return `## Journeys: journeys/s through the engine, and worker memory

Measured ${new Date().toISOString().slice(0, 10)} with \`npm run bench -- journeys\` (\`scripts/bench/journeys.mjs\`),
against the Temporal server on PostgreSQL (\`scripts/stack/temporal-server.mjs\`, ${s.historyShards} history
shards), not the dev server. The whole run took ${r.minutes.toFixed(1)} minutes.

| figure | value | target |
| --- | ---: | --- |
| journeys/s, 5-step journey (median of ${s.rounds}) | **${perSecond(r.journey)}** | |
| bare Temporal workflows/s, same activities and timers | **${perSecond(r.bare)}** | |
| **ratio journeys / bare** | **${r.ratio.toFixed(2)}** | ≥ 0.8 |
| worker RSS, ${int(s.sleeping)} sleeping journeys | **${int(r.memory.settled)} MiB** | < 1 GiB |
| worker RSS, peak while they were dispatched | ${int(r.memory.peak)} MiB | |
| journeys started/s by the API's dispatcher (events → workflows) | ${perSecond(r.dispatch)} | |

| round | journeys/s | bare/s | ratio | CPU ms per journey: worker / Temporal / Postgres | per bare workflow | dispatched/s |
| --- | ---: | ---: | ---: | ---: | ---: | ---: |
${roundRows}

Load average (1, 5, 15 min) before the run: ${r.load.before.map((n) => n.toFixed(2)).join(', ')}; after:
${r.load.after.map((n) => n.toFixed(2)).join(', ')}.

### What is measured

- **Journey**: a scenario published through the API: \`trigger.event\` → \`condition.attribute\`
  (country is FR) → \`send.email\` → \`wait.duration\` (${r.waitSeconds} s, the shortest it accepts) → \`exit\`.
  ${int(s.journeys)} customers, created through \`PUT /profiles\` (in France, email consent granted),
  each track the trigger event through \`POST /v1/batch\`; the API's own dispatcher stores the journey
  rows and starts the workflows, as in production. Every journey walks all five steps: the SMTP sink
  on loopback must have received one email per journey.
- **Bare workflow**: a workflow (\`scripts/bench/bare-temporal/\`) that schedules what one of these
  journeys scheduled, read from its history — ${activities} activities and its timer, in order:
  ${steps} — with activities that do nothing, started by the Temporal client. (The journey's
  history: ${r.history.events} events, ${(r.history.bytes / 1024).toFixed(1)} KiB.)
- **journeys/s and bare/s**: both sets are started first, with no worker polling their task queue;
  then a worker process is started (\`apps/worker/dist/main.js\` for journeys, the bare worker for the
  other: same Node, same Temporal SDK, same worker settings — ${tuning} — one process each) and the figure
  is the number of workflows over the time from its first poll (as the Temporal server saw it) to the last close time Temporal
  recorded. The concurrency is thus the worker's own (its task slots and workflow cache), the same for
  both. Rounds alternate which set goes first; a warm-up of ${WARM_UP} of each is not measured.
- **CPU**: user + system time (from \`/proc\`) of the worker process, the Temporal server and all
  Postgres processes (Temporal's databases and the app's share the server), from the worker's first
  poll to the last completion, per workflow.
- **Dispatch**: events tracked to workflows started, from the first \`POST /v1/batch\` to the last
  workflow start, with no worker running: the API's dispatcher alone.
- **Memory**: a second scenario, trigger → wait 30 days → exit; ${int(s.sleeping)} new customers track its
  event while a fresh journey worker runs (${SLEEPING_DISPATCHERS} API processes dispatch them). Once all journeys are started, the worker is idle and the
  most recent ones are on their timer (${r.memory.rampSeconds.toFixed(0)} s after the first event), the
  worker's resident set size (\`VmRSS\` of its process) is sampled every 0.5 s for 20 s: the maximum is
  reported. The worker was at ${int(r.memory.atStart)} MiB idle before the first journey.

### Where the time goes

${whereTimeGoes(r.cpu)}

Time per task in the last round, averaged over 20 workflows of each set (from their histories):

${taskTable('journey', r.rounds.at(-1).journey.tasks)}

${taskTable('bare workflow', r.rounds.at(-1).bare.tasks)}

### Machine

- ${r.machine.nproc} cores (\`nproc\`), ${r.machine.cpu}; ${r.machine.os}; Node ${r.machine.node}
- PostgreSQL ${r.postgresVersion}: ${r.postgres}; Temporal server v1.31.2, API, worker, Postgres and
  the benchmark share the machine

Reproduce: \`npm run build && npm run bench -- journeys\` (Postgres and Temporal in a temporary
directory, removed afterwards; with \`DATABASE_URL\`, scratch databases on that server, dropped
afterwards). Tunables: \`BENCH_JOURNEYS\`, \`BENCH_ROUNDS\`, \`BENCH_SLEEPING\`, \`BENCH_HISTORY_SHARDS\`,
\`BENCH_TIMEOUT_S\`, \`BENCH_REPORT\` (output file).
`;
}

const timeout = setTimeout(() => {
  console.error(`Benchmark still running after ${settings.timeoutS} s: stopping`);
  cleanUp().finally(() => process.exit(1));
}, settings.timeoutS * 1_000);
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    console.error(`\n${signal}: stopping what the benchmark started`);
    cleanUp().finally(() => process.exit(130));
  });
}

main()
  .then(() => cleanUp())
  .then(() => clearTimeout(timeout))
  .catch(async (error) => {
    console.error(error);
    await cleanUp();
    clearTimeout(timeout);
    process.exitCode = 1;
  });
