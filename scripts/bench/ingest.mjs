// `npm run bench`: durable events/s through POST /v1/batch against a plain multi-row INSERT of the
// same rows into `events`, measured in the same run on the same database. Not a test: it prints the
// figures and writes them to docs/benchmarks.md. Needs the built API (`npm run build`).
//
// Postgres: embedded (default settings, fsync on: "durable" means committed and flushed) unless
// DATABASE_URL is set, in which case a scratch database is created next to it and dropped after.
// Everything it starts is stopped, on success, failure, Ctrl-C or after BENCH_TIMEOUT_S.
import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import pg from 'pg';
import { API_NODE_ARGS } from '../stack/api-node-args.mjs';
import { freePort } from '../stack/ports.mjs';
import { startPostgres } from '../stack/postgres.mjs';
import { isRunning, spawnChild, stopChild } from '../stack/processes.mjs';
import { cpuMsOf, ownCpuMs, processTreeCpuMs } from './cpu.mjs';
import { machine, writeReport } from './report.mjs';

const run = promisify(execFile);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const apiDist = path.join(root, 'apps/api/dist');
const require = createRequire(import.meta.url);

const settings = {
  batches: Number(process.env.BENCH_BATCHES ?? 100),
  perBatch: Number(process.env.BENCH_BATCH_SIZE ?? 100),
  clients: Number(process.env.BENCH_CLIENTS ?? 4),
  customers: Number(process.env.BENCH_CUSTOMERS ?? 1_000),
  rounds: Number(process.env.BENCH_ROUNDS ?? 3),
  timeoutS: Number(process.env.BENCH_TIMEOUT_S ?? 600),
  report: process.env.BENCH_REPORT ?? path.join(root, 'docs/benchmarks.md'),
};

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

async function database() {
  if (process.env.DATABASE_URL) {
    const admin = new URL(process.env.DATABASE_URL);
    admin.pathname = '/postgres';
    const name = `parcours_bench_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
    const client = new pg.Client({ connectionString: admin.toString() });
    await client.connect();
    await client.query(`CREATE DATABASE ${name}`);
    await client.end();
    cleanups.push(async () => {
      const c = new pg.Client({ connectionString: admin.toString() });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    });
    const url = new URL(process.env.DATABASE_URL);
    url.pathname = `/${name}`;
    return { url: url.toString(), server: `given DATABASE_URL (scratch database ${name})` };
  }
  const tempDir = fs.mkdtempSync(path.join(os.tmpdir(), 'parcours-bench-'));
  fs.chmodSync(tempDir, 0o755); // as root, Postgres runs as `postgres` and must reach its data dir
  cleanups.push(async () => fs.rmSync(tempDir, { recursive: true, force: true }));
  const postgres = await startPostgres({
    dataDir: path.join(tempDir, 'pgdata'),
    port: await freePort(),
    database: 'parcours_bench',
    detached: false,
  });
  cleanups.push(() => postgres.stop());
  return {
    url: postgres.url,
    server: 'embedded Postgres, default settings (fsync and synchronous_commit on)',
    postmasterPid: postgres.pid,
  };
}

async function startApi(databaseUrl, nodeArgs = []) {
  const port = await freePort();
  const output = [];
  // BENCH_API_NODE_ARGS, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`, to see where the API's time goes.
  const extraArgs = (process.env.BENCH_API_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child = spawnChild(process.execPath, [...nodeArgs, ...extraArgs, path.join(apiDist, 'main.js')], {
    cwd: root,
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      API_PORT: String(port),
      API_HOST: '127.0.0.1',
      // The dispatcher drains the outbox asynchronously; what is measured is ingestion, which
      // still writes every outbox row in the event's transaction.
      DISPATCH_ENABLED: 'false',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  for (const stream of [child.stdout, child.stderr]) stream.on('data', (chunk) => output.push(String(chunk)));
  cleanups.push(() => stopChild(child));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (!isRunning(child)) throw new Error(`The API exited:\n${output.join('')}`);
    try {
      if ((await fetch(`${url}/docs/openapi.json`)).ok) return { url, process: child };
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`The API did not answer within 60 s:\n${output.join('')}`);
}

/** One track call, shaped like an e-commerce SDK's: ~0.5 KiB with context. */
function trackCall(userId, i, sentAt) {
  return {
    type: 'track',
    userId,
    event: i % 5 === 0 ? 'order.placed' : 'product.viewed',
    messageId: randomUUID(),
    timestamp: new Date(Date.parse(sentAt) - 1_000 - (i % 1_000)).toISOString(),
    properties: {
      sku: `SKU-${i % 250}`,
      category: ['cats', 'dogs', 'rodents'][i % 3],
      price: 12.5 + (i % 40),
      currency: 'EUR',
      items: [{ sku: `SKU-${i % 250}`, qty: 1 + (i % 3) }],
    },
    context: {
      library: { name: 'parcours-bench', version: '1.0.0' },
      ip: `203.0.113.${i % 250}`,
      userAgent: 'Mozilla/5.0 (X11; Linux x86_64) bench',
      page: { path: '/products', url: 'https://shop.example/products' },
    },
  };
}

/** `batches` request bodies of `perBatch` calls, each customer drawn from `userOf(batch, index)`. */
function workload(userOf) {
  const sentAt = new Date().toISOString();
  return Array.from({ length: settings.batches }, (_, b) => {
    const batch = Array.from({ length: settings.perBatch }, (_, i) =>
      trackCall(userOf(b, i), b * settings.perBatch + i, sentAt),
    );
    return { calls: batch, body: JSON.stringify({ batch, sentAt }) };
  });
}

/** Runs `work(item)` over the items with `clients` concurrent workers; returns elapsed seconds. */
let postmasterPid; // set when the benchmark runs its own Postgres

/** CPU milliseconds used so far by the API process, Postgres (all its processes) and this client. */
function cpuNow(apiPid) {
  // Postgres: the postmaster's backends, including those that exited meanwhile (autovacuum workers).
  return { api: cpuMsOf(apiPid), postgres: processTreeCpuMs(postmasterPid), client: ownCpuMs() };
}

/**
 * Runs `work(item)` over the items with `clients` concurrent workers; returns the elapsed seconds
 * and the CPU each process used meanwhile (null where it cannot be measured).
 */
async function timed(items, work, apiPid) {
  let next = 0;
  const cpuBefore = cpuNow(apiPid);
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: settings.clients }, async () => {
      while (next < items.length) await work(items[next++]);
    }),
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const cpuAfter = cpuNow(apiPid);
  const cpu = Object.fromEntries(
    Object.keys(cpuAfter).map((k) => [k, cpuAfter[k] === null ? null : cpuAfter[k] - cpuBefore[k]]),
  );
  return { seconds, cpu };
}

async function throughApi(api, writeKey, batches) {
  const authorization = `Basic ${Buffer.from(`${writeKey}:`).toString('base64')}`;
  return timed(
    batches,
    async ({ body }) => {
      const response = await fetch(`${api.url}/v1/batch`, {
        method: 'POST',
        headers: { authorization, 'content-type': 'application/json' },
        body,
      });
      const result = await response.json();
      if (response.status !== 200 || result.accepted !== settings.perBatch || result.errors.length > 0) {
        throw new Error(`Batch refused: ${response.status} ${JSON.stringify(result).slice(0, 500)}`);
      }
    },
    api.process.pid,
  );
}

/**
 * The API's own statement for a batch about known customers (`insertForKnownProfiles`), called
 * straight from here on `clients` connections: the database's share of the API path, without
 * HTTP, validation and the rest of the API process.
 */
async function throughStatement(databaseUrl, workspaceId, batches) {
  require('reflect-metadata');
  const { DataSource } = require('typeorm');
  const { dataSourceOptions } = require(path.join(apiDist, 'database/data-source-options.js'));
  const { IngestionRepository } = require(path.join(apiDist, 'events/persistence/ingestion.repository.js'));
  const { uuidV7 } = require(path.join(apiDist, 'database/uuid-v7.js'));
  const dataSource = await new DataSource({
    ...dataSourceOptions(databaseUrl),
    poolSize: settings.clients,
  }).initialize();
  try {
    const repository = new IngestionRepository(dataSource);
    const profileOf = await profilesOf(dataSource, workspaceId, batches);
    const jobs = batches.map(({ calls, body }) => {
      const { sentAt } = JSON.parse(body);
      const rows = calls.map((c) => ({
        id: uuidV7(),
        profile_id: profileOf.get(c.userId),
        type: c.type,
        name: c.event,
        properties: c.properties,
        context: c.context,
        message_id: c.messageId,
        occurred_at: new Date(Date.parse(c.timestamp) + Date.now() - Date.parse(sentAt)).toISOString(),
      }));
      return rows;
    });
    return await timed(jobs, async (rows) => {
      const outcome = await repository.insertForKnownProfiles(workspaceId, rows, new Date());
      if (outcome !== 'stored') throw new Error(`The statement did not store the batch: ${outcome}`);
    });
  } finally {
    await dataSource.destroy();
  }
}

async function profilesOf(db, workspaceId, batches) {
  const userIds = [...new Set(batches.flatMap((b) => b.calls.map((c) => c.userId)))];
  const rows = await db.query(
    `SELECT value, profile_id FROM profile_identities WHERE workspace_id = $1 AND kind = 'user_id' AND value = ANY($2)`,
    [workspaceId, userIds],
  );
  return new Map(rows.map((r) => [r.value, r.profile_id]));
}

/** The same rows, as the API stored them, by plain multi-row INSERTs on `clients` connections. */
async function throughInsert(databaseUrl, workspaceId, batches) {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: settings.clients });
  try {
    const profileOf = await profilesOf(
      { query: async (text, values) => (await pool.query(text, values)).rows },
      workspaceId,
      batches,
    );
    // Ids made as the API makes them (time-ordered UUIDv7), so both write the same kind of rows.
    const { uuidV7 } = require(path.join(apiDist, 'database/uuid-v7.js'));
    const statements = batches.map(({ calls, body }) => {
      const { sentAt } = JSON.parse(body);
      const values = [];
      const params = calls.flatMap((c, i) => {
        values.push(`(${Array.from({ length: 9 }, (_, k) => `$${i * 9 + k + 1}`).join(', ')})`);
        return [
          uuidV7(),
          workspaceId,
          profileOf.get(c.userId),
          c.type,
          c.event,
          c.properties,
          c.context,
          c.messageId,
          // occurred_at as the API computes it (the clock-skew arithmetic is not the point here)
          new Date(Date.parse(c.timestamp) + Date.now() - Date.parse(sentAt)),
        ];
      });
      return {
        text: `INSERT INTO events (id, workspace_id, profile_id, type, name, properties, context, message_id, occurred_at)
               VALUES ${values.join(', ')}`,
        values: params,
      };
    });
    await Promise.all(Array.from({ length: settings.clients }, () => pool.query('SELECT 1'))); // connect first
    return await timed(statements, (statement) => pool.query(statement));
  } finally {
    await pool.end();
  }
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** Events per second, and CPU milliseconds per 1 000 events of each process, of one measured run. */
function figures({ seconds, cpu }, total) {
  const per1000 = (ms) => (ms === null ? null : (ms * 1_000) / total);
  return {
    rate: total / seconds,
    cpu: { api: per1000(cpu.api), postgres: per1000(cpu.postgres), client: per1000(cpu.client) },
  };
}

/** Median of each figure over the rounds. */
function summary(runs) {
  const of = (pick) => {
    const values = runs.map(pick);
    return values.includes(null) ? null : median(values);
  };
  return {
    rate: of((r) => r.rate),
    rates: runs.map((r) => r.rate),
    cpu: { api: of((r) => r.cpu.api), postgres: of((r) => r.cpu.postgres), client: of((r) => r.cpu.client) },
  };
}

async function main() {
  if (!fs.existsSync(path.join(apiDist, 'main.js'))) throw new Error('Build first: npm run build');
  const db = await database();
  postmasterPid = db.postmasterPid;
  const env = { ...process.env, DATABASE_URL: db.url };
  await run(process.execPath, [path.join(apiDist, 'cli/migrate.js')], { env });
  const { stdout } = await run(
    process.execPath,
    [path.join(apiDist, 'cli/bootstrap.js'), '--name', 'Bench', '--json'],
    {
      env,
    },
  );
  const { workspaceId, writeKey } = JSON.parse(stdout.trim().split('\n').pop());
  // The API as deployed (`API_NODE_ARGS`), and the same under Node's default heap settings.
  const api = await startApi(db.url, API_NODE_ARGS);
  const defaults = await startApi(db.url);
  const check = new pg.Client({ connectionString: db.url });
  await check.connect();
  cleanups.push(() => check.end());
  const eventCount = async () => (await check.query('SELECT count(*)::int AS n FROM events')).rows[0].n;
  const total = settings.batches * settings.perBatch;
  const measured = async (work) => {
    const before = await eventCount();
    const result = await work();
    if ((await eventCount()) - before !== total) throw new Error('Not every event is in the table');
    return figures(result, total);
  };

  // Warm-up (not measured): JIT, connection pools, and the customers the "known" runs are about.
  const loadBefore = os.loadavg();
  const customer = (n) => `customer-${n % settings.customers}`;
  for (const target of [api, defaults]) {
    await throughApi(
      target,
      writeKey,
      workload((b, i) => customer(b * settings.perBatch + i)),
    );
  }

  const runs = { api: [], insert: [], statement: [], defaults: [], newVisitors: [] };
  for (let round = 0; round < settings.rounds; round++) {
    // Rounds alternate API and INSERT, so both meet the same table sizes and background load.
    const known = workload((b, i) => customer(b * 7 + i * 13 + round));
    runs.api.push(await measured(() => throughApi(api, writeKey, known)));
    runs.insert.push(await measured(() => throughInsert(db.url, workspaceId, known)));
    const again = workload((b, i) => customer(b * 11 + i * 17 + round));
    runs.defaults.push(await measured(() => throughApi(defaults, writeKey, again)));
    const direct = workload((b, i) => customer(b * 3 + i * 19 + round));
    runs.statement.push(await measured(() => throughStatement(db.url, workspaceId, direct)));
    // Worst case: every batch about 10 customers never seen before (profiles created on the way).
    const fresh = workload((b, i) => `visitor-${round}-${b}-${i % 10}`);
    runs.newVisitors.push(await measured(() => throughApi(api, writeKey, fresh)));
    console.log(
      `round ${round + 1}: API ${int(runs.api[round].rate)} events/s, INSERT ${int(runs.insert[round].rate)} rows/s, ` +
        `API (Node defaults) ${int(runs.defaults[round].rate)} events/s, ` +
        `API statement alone ${int(runs.statement[round].rate)} events/s, ` +
        `API with new customers ${int(runs.newVisitors[round].rate)} events/s`,
    );
  }

  const result = {
    api: summary(runs.api),
    insert: summary(runs.insert),
    defaults: summary(runs.defaults),
    statement: summary(runs.statement),
    newVisitors: summary(runs.newVisitors),
    apiArgs: API_NODE_ARGS.join(' '),
    load: { before: loadBefore, after: os.loadavg() },
    settings,
    server: db.server,
    postgresVersion: (await check.query('SHOW server_version')).rows[0].server_version,
    machine: await machine(),
  };
  const ratio = (r) => r.rate / result.insert.rate;
  console.log(
    `\nmedian of ${settings.rounds}: API ${int(result.api.rate)} events/s, INSERT ${int(result.insert.rate)} rows/s, ` +
      `ratio ${ratio(result.api).toFixed(2)}; Node defaults: ratio ${ratio(result.defaults).toFixed(2)}; ` +
      `API statement alone: ratio ${ratio(result.statement).toFixed(2)}; ` +
      `new customers: ratio ${ratio(result.newVisitors).toFixed(2)}`,
  );
  await writeReport(settings.report, result);
  console.log(`written to ${path.relative(root, settings.report)}`);
}

const int = (n) => Math.round(n).toLocaleString('en-US');

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
