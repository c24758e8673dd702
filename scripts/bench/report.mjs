// Describes the machine and writes the benchmark's figures to docs/benchmarks.md.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import { promisify } from 'node:util';

const run = promisify(execFile);

async function command(file, args) {
  try {
    return (await run(file, args)).stdout.trim();
  } catch {
    return 'unavailable';
  }
}

export async function machine() {
  return {
    nproc: await command('nproc', []),
    cpu: os.cpus()[0]?.model ?? 'unknown',
    memory: await command('free', ['-h']),
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
  };
}

const int = (n) => Math.round(n).toLocaleString('en-US');
const cpu = (ms) => (ms === null ? 'n/a' : int(ms));
const load = (l) => l.map((n) => n.toFixed(2)).join(', ');

/**
 * What each path costs the machine in all, which decides the ratio when the benchmark has the
 * cores to itself; under load from other work the API path falls short of it.
 */
function cpuComparison(r) {
  const sum = (x) =>
    [x.cpu.api ?? 0, x.cpu.postgres, x.cpu.client].reduce((a, b) => (b === null ? NaN : a + b));
  const [api, insert] = [sum(r.api), sum(r.insert)];
  if (Number.isNaN(api) || Number.isNaN(insert)) return '';
  return `
CPU of all processes per 1 000 events: ${int(api)} ms through the API, ${int(insert)} ms by plain
INSERT, a ratio of ${(insert / api).toFixed(2)}. The measured ratio falls below it when other work
loads the machine: the API path then waits on its one single-threaded API process, which the
scheduler gives one share of the cores among all runnable ones, while the INSERT path runs on
${r.settings.clients} Postgres backends.
`;
}

export async function writeReport(file, r) {
  const s = r.settings;
  const total = s.batches * s.perBatch;
  const ratio = (x) => (x.rate / r.insert.rate).toFixed(2);
  const row = (label, x, withRatio = true) =>
    `| ${label} | **${int(x.rate)}** | ${withRatio ? ratio(x) : '1'} | ${x.rates.map(int).join(', ')} | ${cpu(x.cpu.api)} | ${cpu(x.cpu.postgres)} | ${cpu(x.cpu.client)} |`;
  const text = `## Ingestion: durable events/s through \`POST /v1/batch\`

Measured ${new Date().toISOString().slice(0, 10)} with \`npm run bench\` (\`scripts/bench/ingest.mjs\`).

| run | events/s (median of ${s.rounds}) | ratio to INSERT | per round | CPU ms / 1 000 events: API | Postgres | client |
| --- | ---: | ---: | --- | ---: | ---: | ---: |
${row(`\`POST /v1/batch\`, known customers (API as deployed: \`node ${r.apiArgs}\`)`, r.api)}
${row('plain multi-row `INSERT` of the same rows', r.insert, false)}
${row("`POST /v1/batch`, known customers, API under Node's default heap settings", r.defaults)}
${row("the API's statement for such a batch, called directly (no HTTP, no API process)", r.statement)}
${row('`POST /v1/batch`, every batch about 10 new customers', r.newVisitors)}

**Ratio API / INSERT: ${ratio(r.api)}** (target ≥ 0.5); ${ratio(r.defaults)} with Node's default young
generation; ${ratio(r.newVisitors)} when every batch brings new customers.

Load average (1, 5, 15 min) before the run: ${load(r.load.before)}; after: ${load(r.load.after)}. On a
shared machine other work competes for the same cores: compare the figures of one run with each
other rather than across runs.
${cpuComparison(r)}
### What is measured

Each figure: ${s.batches} batches × ${s.perBatch} track calls (${int(total)} events, ~0.5 KiB each with
\`properties\` and \`context\`), sent by ${s.clients} concurrent clients on 127.0.0.1; a run ends when the
last batch is answered, and the number of rows in \`events\` is checked afterwards. Rounds alternate
the runs, so all meet the same table sizes and background load.

- **API**: each batch is one HTTP request, answered 200 once committed. About customers the API
  process has already seen (the ${int(s.customers)} customers of the runs, known from an unmeasured
  warm-up), a batch is one statement: key-share lock the profiles (a concurrent merge or erasure
  waits, then moves or deletes these events too) and check each still stands (neither merged nor
  erased), insert the events, claim their \`messageId\`s and queue their \`event_outbox\` rows,
  \`pg_notify\`. The claims are plain inserts: a \`messageId\` seen before (a client retry) fails the
  statement, which then wrote nothing, and the batch takes the general path. That path (also for
  customers not seen yet) is one transaction that claims the \`messageId\`s (skipping those seen)
  and looks up every identity of the batch in one round trip, resolves the unknown ones through
  \`ProfileResolver\` and inserts all events in one statement ("new customers": 10 profiles and
  identities created per batch).
- **INSERT**: the same rows (same ids scheme, profile ids, properties, context, messageId,
  occurred_at) inserted straight into \`events\`, ${s.perBatch} rows per \`INSERT … VALUES\` statement,
  autocommit, on ${s.clients} pooled \`pg\` connections, in the same run, on the same database.
- **CPU** columns: CPU time (user + system, from \`/proc\`) of the API process, of all Postgres
  processes, and of the benchmark's own client process, per 1 000 events.
- Trigger dispatch is off during the run (\`DISPATCH_ENABLED=false\`): the outbox rows are written
  in the events' statement all the same; starting journeys is asynchronous and measured apart.

### Where the time goes

The runs are CPU-bound on this machine (API, Postgres and clients share its cores), so the ratios
follow the sums of the CPU columns. Per event, the API's statement does more than the plain insert
by design: the \`messageId\` claim (a row and a unique-index entry in \`event_message_ids\`: forever
de-duplication), the \`event_outbox\` row and its index entry (no lost journey trigger), and the
profiles' key-share locks (merge and erasure safety). What made it cheaper, measured on the
statement alone: the profiles are locked by primary-key probes (\`id = ANY(…)\` was planned as a scan
comparing every profile with every id); the claim key is a 16-byte hash of the \`messageId\`
(\`parcours_message_key\`), and the claims are plain inserts rather than \`ON CONFLICT DO NOTHING\`
(a speculative insertion: an extra index probe and WAL record per row), the rare retry paying a
second, general pass; merged or erased profiles send the batch to the general path instead of
being followed in the statement. Row locks were kept: taking advisory locks instead measured
about 2 % of the statement's Postgres CPU, and needs a second statement (the snapshot must be taken
after the locks). The API process adds reading and parsing the HTTP body, validating each call
(its JSON objects checked without copying, \`null\` fields without a transform each), serialising
the rows for Postgres, and garbage collection: the second API run shows what the deployed heap
setting (\`${r.apiArgs}\`) saves.

### Machine

- ${r.machine.nproc} cores (\`nproc\`), ${r.machine.cpu}; ${r.machine.os}; Node ${r.machine.node}
- PostgreSQL ${r.postgresVersion}: ${r.server}; API, Postgres and clients share the machine

\`\`\`
$ free -h
${r.machine.memory}
\`\`\`

Reproduce: \`npm run build && npm run bench\` (embedded Postgres in a temporary directory, removed
afterwards; set \`DATABASE_URL\` to use a server of your own: a scratch database is created and
dropped). Tunables: \`BENCH_BATCHES\`, \`BENCH_BATCH_SIZE\`, \`BENCH_CLIENTS\`, \`BENCH_CUSTOMERS\`,
\`BENCH_ROUNDS\`, \`BENCH_TIMEOUT_S\`, \`BENCH_REPORT\` (output file).
`;
  // Only this section: the other benchmarks write theirs in the same file.
  await writeSection(file, 'Ingestion', text);
}

/**
 * Replaces the `## <heading>…` section of `file` (up to the next `## ` heading) with `markdown`,
 * or appends it, leaving the other benchmarks' sections as they are. Formatted as the
 * repository's other Markdown is, so `prettier --check` passes on it.
 */
export async function writeSection(file, heading, markdown) {
  const current = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '# Benchmarks\n';
  const start = current.search(new RegExp(`^## ${heading}\\b`, 'm'));
  let text;
  if (start < 0) text = `${current.trimEnd()}\n\n${markdown}`;
  else {
    const rest = current.slice(start + 3);
    const next = rest.search(/^## /m);
    const end = next < 0 ? current.length : start + 3 + next;
    text = `${current.slice(0, start)}${markdown}\n${current.slice(end)}`;
  }
  const prettier = await import('prettier');
  const options = (await prettier.resolveConfig(file)) ?? {};
  fs.writeFileSync(file, await prettier.format(text, { ...options, parser: 'markdown' }));
}
