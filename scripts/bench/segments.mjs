// `npm run bench -- segments` (or `node scripts/bench/segments.mjs`): on 1 M profiles and ~10 M
// events (scripts/bench/segments-data.mjs), (a) counting a three-clause segment (trait + event
// count over 90 days + consent) with the SQL compiled from its rule against a hand-written query
// for the same question, same run, alternated; (b) the incremental update of one profile after one
// event (computed traits + every segment), p50 / p99. Also timed: computing the example computed
// traits for the whole base, and building each segment. Not a test: it prints the figures and
// writes the "Segments" section of docs/benchmarks.md. Needs the built API (`npm run build`).
//
// Postgres: embedded (default settings, but max_wal_size raised for the load) unless DATABASE_URL
// is set, in which case a scratch database is created next to it and dropped after.
import { createRequire } from 'node:module';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { freePort } from '../stack/ports.mjs';
import { startPostgres } from '../stack/postgres.mjs';
import { childrenCpuMs, cpuMsOf, ownCpuMs } from './cpu.mjs';
import { machine, writeSection } from './report.mjs';
import { generateSegmentsData, profileIdSql } from './segments-data.mjs';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const dist = (file) => path.join(root, 'apps/api/dist', file);

const settings = {
  profiles: Number(process.env.BENCH_PROFILES ?? 1_000_000),
  eventsPerProfile: Number(process.env.BENCH_EVENTS_PER_PROFILE ?? 10),
  countRounds: Number(process.env.BENCH_ROUNDS ?? 5),
  refreshes: Number(process.env.BENCH_REFRESHES ?? 1_000),
  timeoutS: Number(process.env.BENCH_TIMEOUT_S ?? 7_200),
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
    const adminQuery = async (sql) => {
      const client = new pg.Client({ connectionString: admin.toString() });
      await client.connect();
      try {
        await client.query(sql);
      } finally {
        await client.end();
      }
    };
    await adminQuery(`CREATE DATABASE ${name}`);
    cleanups.push(() => adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
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
    postgresFlags: ['-c', 'max_wal_size=8GB'],
  });
  cleanups.push(() => postgres.stop());
  return {
    url: postgres.url,
    postmasterPid: postgres.pid,
    server: 'embedded Postgres, default settings (fsync on, shared_buffers 128 MB) but max_wal_size=8GB',
  };
}

const ms = (started) => Number(process.hrtime.bigint() - started) / 1e6;
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const percentile = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
};
const int = (n) => Math.round(n).toLocaleString('en-US');
const fixed = (n, digits = 1) => n.toFixed(digits);

async function main() {
  require('reflect-metadata');
  const { DataSource } = require('typeorm');
  const { dataSourceOptions } = require(dist('database/data-source-options.js'));
  const domain = require('@parcours/domain');
  const { SegmentsRepository } = require(dist('segments/persistence/segments.repository.js'));
  const { MembershipWriter } = require(dist('segments/persistence/membership.writer.js'));
  const { ProfileRefreshService } = require(dist('segments/refresh/profile-refresh.service.js'));
  const { SegmentSweeper } = require(dist('segments/refresh/segment-sweeper.service.js'));
  const { ComputedTraitsRepository } = require(
    dist('computed-traits/persistence/computed-traits.repository.js'),
  );
  const { ProfileTraitsCalculator } = require(
    dist('computed-traits/computation/profile-traits.calculator.js'),
  );
  const { ComputedTraitsRecompute } = require(
    dist('computed-traits/computation/computed-traits-recompute.service.js'),
  );

  const db = await database();
  const dataSource = await new DataSource({ ...dataSourceOptions(db.url), extra: { max: 4 } }).initialize();
  cleanups.push(() => dataSource.destroy());
  await dataSource.runMigrations({ transaction: 'each' });
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  cleanups.push(() => client.end());

  const workspaceId = randomUUID();
  await client.query(`INSERT INTO workspaces (id, name) VALUES ($1, 'segments bench')`, [workspaceId]);
  const now = new Date();
  let started = process.hrtime.bigint();
  const data = await generateSegmentsData(client, {
    workspaceId,
    profiles: settings.profiles,
    eventsPerProfile: settings.eventsPerProfile,
    now,
    log: (line) => console.log(`  ${line}`),
  });
  const loadSeconds = ms(started) / 1000;
  console.log(
    `Loaded ${int(data.profiles)} profiles and ${int(data.events)} events in ${fixed(loadSeconds)} s`,
  );

  // (a) The three-clause segment: French, 2+ orders in the last 90 days, email consent granted.
  const rule = domain.segmentRuleSchema.parse({
    type: 'and',
    rules: [
      { type: 'trait', path: 'country', operator: 'equals', value: 'FR' },
      {
        type: 'event',
        event: 'order.completed',
        within: { amount: 90, unit: 'days' },
        operator: 'gte',
        value: 2,
      },
      { type: 'consent', channel: 'email', status: 'granted' },
    ],
  });
  const since = new Date(domain.shiftInstant(now.getTime(), { amount: 90, unit: 'days' }, -1)).toISOString();
  const handWritten = {
    text: `SELECT count(*)::int AS count
           FROM profiles p
           JOIN (SELECT profile_id FROM events
                 WHERE workspace_id = $1 AND name = 'order.completed' AND occurred_at >= $2
                 GROUP BY profile_id HAVING count(*) >= 2) AS orders ON orders.profile_id = p.id
           WHERE p.workspace_id = $1 AND p.merged_into IS NULL AND p.erased_at IS NULL
             AND p.traits ->> 'country' = 'FR' AND p.consents -> 'email' ->> 'status' = 'granted'`,
    values: [workspaceId, since],
  };
  const compiled = domain.segmentCountQuery(workspaceId, rule, { now });
  const timings = { compiled: [], handWritten: [] };
  const cpu = { compiled: [], handWritten: [] };
  // The backend's own CPU time (embedded Postgres only: a remote pid means nothing here), which
  // other work on a shared machine does not inflate as much as it does wall time.
  const backendPid = db.postmasterPid && (await client.query(`SELECT pg_backend_pid() AS pid`)).rows[0].pid;
  const counts = {};
  for (let round = 0; round <= settings.countRounds; round++) {
    for (const [name, query] of [
      ['compiled', compiled],
      ['handWritten', handWritten],
    ]) {
      const t = process.hrtime.bigint();
      const cpuBefore = cpuMsOf(backendPid);
      const { rows } = await client.query(query);
      if (round > 0) {
        // round 0 warms the cache up
        timings[name].push(ms(t));
        if (cpuBefore !== null) cpu[name].push(cpuMsOf(backendPid) - cpuBefore);
      }
      counts[name] = rows[0].count;
    }
  }
  if (counts.compiled !== counts.handWritten) {
    throw new Error(
      `The compiled SQL counted ${counts.compiled}, the hand-written one ${counts.handWritten}`,
    );
  }
  const count = {
    members: counts.compiled,
    compiled: median(timings.compiled),
    handWritten: median(timings.handWritten),
    rounds: timings,
    cpu:
      cpu.compiled.length > 0
        ? { compiled: median(cpu.compiled), handWritten: median(cpu.handWritten) }
        : null,
  };
  console.log(
    `Count: ${int(count.members)} members; compiled ${fixed(count.compiled)} ms, hand-written ${fixed(count.handWritten)} ms, ratio ${fixed(count.compiled / count.handWritten, 2)}`,
  );
  const plan = (await client.query({ text: `EXPLAIN ${compiled.text}`, values: compiled.values })).rows
    .map((r) => r['QUERY PLAN'])
    .join('\n');

  // The example computed traits and segments, plus the benchmark's, as a workspace would have them.
  const config = { SEGMENT_SWEEP_MS: 0, COMPUTED_TRAITS_RECOMPUTE_MS: 0 };
  const segments = new SegmentsRepository();
  const memberships = new MembershipWriter();
  const definitions = new ComputedTraitsRepository();
  const calculator = new ProfileTraitsCalculator();
  const recompute = new ComputedTraitsRecompute(dataSource, definitions, calculator, config);
  const sweeper = new SegmentSweeper(dataSource, segments, memberships, recompute, config);
  const refresh = new ProfileRefreshService(dataSource, memberships, calculator);
  for (const example of domain.EXAMPLE_COMPUTED_TRAITS) {
    const spec = domain.computedTraitSpecSchema.parse({ kind: example.kind, config: example.config });
    await definitions.insert(dataSource.manager, workspaceId, { key: example.key, ...spec });
  }
  started = process.hrtime.bigint();
  await recompute.request(workspaceId);
  const traitsSeconds = ms(started) / 1000;
  console.log(
    `Computed ${domain.EXAMPLE_COMPUTED_TRAITS.length} traits for the base in ${fixed(traitsSeconds)} s`,
  );

  const builds = [];
  for (const segment of [
    ...domain.EXAMPLE_SEGMENTS,
    { name: 'French repeat buyers, emailable', description: null, rule },
  ]) {
    const record = await segments.insert(dataSource.manager, workspaceId, { ...segment });
    const t = process.hrtime.bigint();
    await sweeper.sweep(workspaceId, record.id);
    const members = await segments.memberCount(dataSource.manager, record.id);
    builds.push({ name: segment.name, ms: ms(t), members });
    console.log(`Built '${segment.name}': ${int(members)} members in ${fixed(ms(t))} ms`);
  }

  // (b) One event, then the refresh of its profile, for random profiles.
  const latencies = [];
  let changed = 0;
  const cpuBefore = { postgres: childrenCpuMs(db.postmasterPid), client: ownCpuMs() };
  for (let i = 0; i < settings.refreshes; i++) {
    const n = 1 + Math.floor(Math.random() * settings.profiles);
    const [{ id }] = (await client.query(`SELECT ${profileIdSql('$1::int')} AS id`, [n])).rows;
    await client.query(
      `INSERT INTO events (id, workspace_id, profile_id, name, properties, occurred_at)
       VALUES ($1, $2, $3, 'order.completed', $4, now())`,
      [
        randomUUID(),
        workspaceId,
        id,
        JSON.stringify({ total: 42, product: 'kibble', animal: 'cat', promotion: i % 2 === 0 }),
      ],
    );
    const t = process.hrtime.bigint();
    const result = await refresh.refresh(workspaceId, [id]);
    latencies.push(ms(t));
    changed += result.entered + result.exited;
  }
  const perRefresh = (before, after) => (before === null ? null : (after - before) / latencies.length);
  const incremental = {
    cpu: {
      postgres: perRefresh(cpuBefore.postgres, childrenCpuMs(db.postmasterPid)),
      client: perRefresh(cpuBefore.client, ownCpuMs()),
    },
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    max: Math.max(...latencies),
    samples: latencies.length,
    changed,
  };
  console.log(
    `Incremental update: p50 ${fixed(incremental.p50)} ms, p99 ${fixed(incremental.p99)} ms (${incremental.samples} events, ${changed} membership changes)`,
  );

  // (c) What a date-triggered scenario costs: every DATE_TRIGGER_SWEEP_MS (1 min by default) its sweep
  // runs the query that finds who enters now over the whole base (when nobody new enters, once, to
  // find nothing), against a bare scan of the same live profiles.
  const { dateTriggerCandidatesQuery } = require(
    dist('journeys/scheduled-entries/date-trigger-candidates.query.js'),
  );
  const timedQuery = async (query) => {
    const times = [];
    let found = 0;
    for (let round = 0; round <= settings.countRounds; round++) {
      const t = process.hrtime.bigint();
      found = (await client.query(query)).rows.length;
      if (round > 0) times.push(ms(t));
    }
    return { ms: median(times), found };
  };
  const profileScan = await timedQuery({
    text: `SELECT count(*) FROM profiles p WHERE p.workspace_id = $1 AND p.merged_into IS NULL
             AND p.erased_at IS NULL AND p.traits ->> 'timezone' IS NOT NULL`,
    values: [workspaceId],
  });
  const dateTriggers = [];
  for (const [name, config] of [
    ['Birthday (a date trait, every year)', { date: { kind: 'trait', trait: 'birthday' } }],
    [
      '30 days after the last kibble order (an event)',
      {
        date: {
          kind: 'event',
          event: 'order.completed',
          where: [{ path: 'product', operator: 'equals', value: 'kibble' }],
        },
        offset: { days: 30, direction: 'after' },
      },
    ],
  ]) {
    const query = dateTriggerCandidatesQuery({
      workspaceId,
      scenarioId: randomUUID(),
      config: domain.triggerDateConfigSchema.parse(config),
      now,
      limit: settings.profiles,
    });
    const timed = await timedQuery(query);
    dateTriggers.push({ name, ...timed });
    console.log(`Date trigger '${name}': ${int(timed.found)} enter today, ${fixed(timed.ms)} ms per sweep`);
  }

  const [{ server_version: version }] = (await client.query(`SHOW server_version`)).rows;
  const load = os.loadavg();
  await writeSection(
    settings.report,
    'Segments',
    report({
      data,
      loadSeconds,
      count,
      plan,
      traitsSeconds,
      builds,
      incremental,
      profileScan,
      dateTriggers,
      version,
      load,
      server: db.server,
      machine: await machine(),
    }),
  );
  console.log(`Wrote the Segments section of ${path.relative(root, settings.report)}`);
}

function report(r) {
  const ratio = r.count.compiled / r.count.handWritten;
  const seconds = (n) => fixed(n / 1000, 2);
  return `## Segments

Measured ${new Date().toISOString().slice(0, 10)} with \`node scripts/bench/segments.mjs\` on ${int(r.data.profiles)} profiles
and ${int(r.data.events)} events (generator: \`scripts/bench/segments-data.mjs\`, loaded in ${fixed(r.loadSeconds / 60)} min).

### Counting a segment: compiled SQL against hand-written SQL

The rule: French (trait) **and** at least 2 \`order.completed\` in the last 90 days (event count over a
window) **and** email consent granted. Both queries count ${int(r.count.members)} profiles; median of
${settings.countRounds} alternated rounds after one warm-up round each.

| query | median | rounds (ms) |
| --- | ---: | --- |
| compiled from the rule (\`segmentCountQuery\`) | **${seconds(r.count.compiled)} s** | ${r.count.rounds.compiled.map((t) => int(t)).join(', ')} |
| hand-written | **${seconds(r.count.handWritten)} s** | ${r.count.rounds.handWritten.map((t) => int(t)).join(', ')} |

**Ratio compiled / hand-written: ${fixed(ratio, 2)}** (target ≤ 1.2); compiled: ${seconds(r.count.compiled)} s (target < 2 s).
${
  r.count.cpu
    ? `CPU time of the Postgres backend per count (median): compiled ${seconds(r.count.cpu.compiled)} s, hand-written ${seconds(r.count.cpu.handWritten)} s.`
    : ''
}

Load average (1, 5, 15 min) at the end of the run, the benchmark's own work included:
${r.load.map((n) => n.toFixed(2)).join(', ')} on ${r.machine.nproc} cores. Wall times vary from round to round;
the CPU times and the ratio of the same run are the steadier figures.

<details><summary>Plan of the compiled query</summary>

\`\`\`
${r.plan}
\`\`\`

</details>

### Incremental update after one event

For ${int(r.incremental.samples)} random profiles: one \`order.completed\` event inserted, then the refresh the API runs
after ingestion commits, timed alone (\`ProfileRefreshService.refresh\`, one transaction): the profile's
${'5'} computed traits computed again from its events, its ${r.builds.length} segments evaluated in one
statement, changes applied with their events (${int(r.incremental.changed)} entries and exits in the run).

| p50 | p99 | max | CPU per refresh: Postgres | benchmark process |
| ---: | ---: | ---: | ---: | ---: |
| **${fixed(r.incremental.p50)} ms** | **${fixed(r.incremental.p99)} ms** | ${fixed(r.incremental.max)} ms | ${r.incremental.cpu.postgres === null ? 'n/a' : `${fixed(r.incremental.cpu.postgres)} ms`} | ${fixed(r.incremental.cpu.client)} ms |

Target: p99 < 50 ms.

### Whole-base work

- Computing the example computed traits (RFM, NPS, promophilie, appetence, repurchase) for every
  profile, then the base's quintiles and deciles and the scores: ${fixed(r.traitsSeconds)} s.
- Building each segment (set-based, first build):

| segment | members | build |
| --- | ---: | ---: |
${r.builds.map((b) => `| ${b.name} | ${int(b.members)} | ${seconds(b.ms)} s |`).join('\n')}

### Date triggers: one sweep

Every \`DATE_TRIGGER_SWEEP_MS\` (1 minute by default) each live \`trigger.date\` scenario runs the query
that finds who enters now (\`dateTriggerCandidatesQuery\`: each customer's local day from their
timezone, their date, those not yet tried today) over the whole base; when nobody new enters, once.
Median of ${settings.countRounds} rounds, against a bare count of the same live profiles
(${seconds(r.profileScan.ms)} s):

| scenario | enter today | one sweep | ratio to the bare scan |
| --- | ---: | ---: | ---: |
${r.dateTriggers.map((d) => `| ${d.name} | ${int(d.found)} | ${seconds(d.ms)} s | ${fixed(d.ms / r.profileScan.ms, 1)} |`).join('\n')}

### Machine

- ${r.machine.nproc} cores (\`nproc\`), ${r.machine.cpu}; ${r.machine.os}; Node ${r.machine.node}
- PostgreSQL ${r.version}: ${r.server}; the benchmark and Postgres share the machine

Reproduce: \`npm run build && node scripts/bench/segments.mjs\`. Tunables: \`BENCH_PROFILES\`,
\`BENCH_EVENTS_PER_PROFILE\`, \`BENCH_ROUNDS\`, \`BENCH_REFRESHES\`, \`BENCH_TIMEOUT_S\`, \`BENCH_REPORT\`.
`;
}

const timer = setTimeout(() => {
  console.error(`Timed out after ${settings.timeoutS} s`);
  void cleanUp().then(() => process.exit(1));
}, settings.timeoutS * 1000);
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => void cleanUp().then(() => process.exit(130)));
}
main()
  .then(async () => {
    clearTimeout(timer);
    await cleanUp();
  })
  .catch(async (error) => {
    console.error(error);
    clearTimeout(timer);
    await cleanUp();
    process.exit(1);
  });
