import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { createWriteStream, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { AppProcess } from '../support/app-process';
import { bootstrapWorkspace, createTestDatabase, type TestWorkspace } from '../support/apps';
import { waitFor } from '../support/ports';

const ROWS = 1_000_000;
const CUSTOMERS = 100_000;
const MAX_PEAK_RSS_MIB = 300;
// About 1.5 minutes on two cores (83 s measured with other work running); the timeout leaves room.

interface Generated {
  path: string;
  /** md5 over every row's `sku:amount` in file order, to compare with what the database holds. */
  checksum: string;
  amountSum: number;
}

/** Writes an events CSV row by row (never the whole file in memory), respecting back-pressure. */
async function generateEvents(path: string, seed: string): Promise<Generated> {
  const out = createWriteStream(path);
  const digest = createHash('md5');
  let amountSum = 0;
  let chunk = 'user_id,event,timestamp,amount,properties.sku\n';
  for (let row = 1; row <= ROWS; row++) {
    const amount = (row * 7919) % 10_000;
    const sku = `${seed}-${row}`;
    amountSum += amount;
    digest.update(`${sku}:${amount}${row < ROWS ? ',' : ''}`);
    const second = String(row % 60).padStart(2, '0');
    chunk += `c-${row % CUSTOMERS},order.completed,2025-06-01T12:00:${second}Z,${amount},${sku}\n`;
    if (chunk.length > 64 * 1024) {
      if (!out.write(chunk)) await once(out, 'drain');
      chunk = '';
    }
  }
  out.end(chunk);
  await once(out, 'finish');
  return { path, checksum: digest.digest('hex'), amountSum };
}

/** Peak resident memory of a running process, from the kernel (VmHWM), in MiB. */
function peakRssMiB(pid: number): number | undefined {
  try {
    const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : undefined;
  } catch {
    return undefined; // exited
  }
}

/** The finished job the CLI prints with --json (stdout; progress lines go to stderr). */
function summaryOf(cli: AppProcess) {
  const line = cli.log
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .pop();
  if (!line) throw new Error(`No summary from the import CLI:\n${cli.log.slice(-3000)}`);
  return JSON.parse(line);
}

/**
 * The "done when" of bulk import, in one pass over a generated 1 M-row CSV (to stay within a few
 * minutes on two cores): the CLI is SIGKILLed a third of the way through, run again, and the import
 * completes with bounded memory in both processes (the second streams the whole file) and exactly
 * the file's rows in the database. Events for existing customers (100 000 profiles seeded in SQL).
 */
describe('import of 1 000 000 rows: bounded memory, kill and resume', () => {
  let databaseUrl: string;
  let workspace: TestWorkspace;
  let db: Client;
  let dir: string;

  beforeAll(async () => {
    databaseUrl = await createTestDatabase();
    workspace = await bootstrapWorkspace(databaseUrl);
    db = new Client({ connectionString: databaseUrl });
    await db.connect();
    dir = mkdtempSync(join(tmpdir(), 'parcours-import-1m-'));
    await db.query(
      `WITH created AS (
         INSERT INTO profiles (workspace_id, external_id)
         SELECT $1, 'c-' || n FROM generate_series(0, $2 - 1) AS n RETURNING id, external_id)
       INSERT INTO profile_identities (workspace_id, kind, value, profile_id)
       SELECT $1, 'user_id', external_id, id FROM created`,
      [workspace.workspaceId, CUSTOMERS],
    );
  });
  afterAll(async () => {
    await db?.end();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  /** Runs the CLI as a child process, sampling its peak RSS until it exits. */
  function startImport(file: string) {
    const cli = new AppProcess(
      'import',
      'apps/api/dist/cli/import.js',
      [
        ...['--workspace', workspace.workspaceId, '--kind', 'events', '--file', file],
        ...['--map', 'amount=properties.amount:number', '--no-trigger', '--json'],
      ],
      { DATABASE_URL: databaseUrl },
    );
    let peak = 0;
    const sampler = setInterval(() => {
      peak = Math.max(peak, peakRssMiB(cli.child.pid!) ?? 0);
    }, 100);
    const startedAt = Date.now();
    const exited = cli.waitForExit().finally(() => clearInterval(sampler));
    return { cli, exited, startedAt, peak: () => peak };
  }

  const jobOf = async (file: Generated) =>
    (
      await db.query(
        `SELECT id, status, rows_done::int, rows_failed::int, source_sha256 FROM import_jobs WHERE source_name = $1`,
        [file.path.split('/').pop()],
      )
    ).rows[0] as {
      id: string;
      status: string;
      rows_done: number;
      rows_failed: number;
      source_sha256: string;
    };

  /** What the database holds for one file: count, duplicates, row range, content checksum. */
  async function stored(sha256: string) {
    const { rows } = await db.query(
      `SELECT count(*)::int AS count, count(DISTINCT message_id)::int AS distinct_ids,
              min(split_part(message_id, ':', 3)::int) AS first_row, max(split_part(message_id, ':', 3)::int) AS last_row,
              sum((properties->>'amount')::numeric)::float8 AS amount_sum,
              md5(string_agg((properties->>'sku') || ':' || (properties->>'amount'), ','
                  ORDER BY split_part(message_id, ':', 3)::int)) AS checksum,
              count(DISTINCT profile_id)::int AS customers
       FROM events WHERE workspace_id = $1 AND message_id LIKE $2`,
      [workspace.workspaceId, `import:${sha256}:%`],
    );
    return rows[0];
  }

  it('streams a 1 M-row CSV with bounded memory; killed in the middle and run again, it holds exactly the file', async () => {
    const file = await generateEvents(join(dir, 'orders.csv'), 'o');

    // First run: SIGKILLed once a third of the file is committed.
    const killed = startImport(file.path);
    const atKill = await waitFor(
      'the import to commit a third of the file',
      async () => {
        if (!killed.cli.running) throw new Error(`The import exited early:\n${killed.cli.log.slice(-3000)}`);
        const job = await jobOf(file);
        return job && job.rows_done >= ROWS / 3 ? job : undefined;
      },
      { timeoutMs: 150_000, intervalMs: 50 },
    );
    await killed.cli.kill();
    const killedSeconds = (Date.now() - killed.startedAt) / 1000;
    const afterKill = await jobOf(file);
    const partial = await stored(afterKill.source_sha256);
    console.log(
      `killed after ${killedSeconds.toFixed(1)} s at rows_done ${afterKill.rows_done} ` +
        `(~${Math.round(afterKill.rows_done / killedSeconds)} rows/s, peak RSS ${killed.peak().toFixed(0)} MiB)`,
    );
    // Nothing half-imported: exactly the committed batches are there, and the job says how many.
    expect(afterKill.status).toBe('running');
    expect(afterKill.rows_done).toBeGreaterThanOrEqual(atKill.rows_done);
    expect(afterKill.rows_done).toBeLessThan(ROWS);
    expect(afterKill.rows_done % 1000).toBe(0);
    expect(partial).toMatchObject({
      count: afterKill.rows_done,
      distinct_ids: afterKill.rows_done,
      first_row: 1,
      last_row: afterKill.rows_done,
    });

    // Second run: reads the whole file again, skips the committed rows, imports the rest.
    const resumed = startImport(file.path);
    expect(await resumed.exited).toBe(0);
    const seconds = (Date.now() - resumed.startedAt) / 1000;
    expect(resumed.cli.log).toContain(`Resuming import ${afterKill.id} after row`);
    const job = summaryOf(resumed.cli);
    const peak = Math.max(killed.peak(), resumed.peak(), job.peakRssMiB);
    console.log(
      `resumed: ${ROWS - afterKill.rows_done} rows in ${seconds.toFixed(1)} s ` +
        `(${Math.round((ROWS - afterKill.rows_done) / seconds)} rows/s), the whole file streamed; ` +
        `peak RSS ${peak.toFixed(0)} MiB (VmHWM sampled ${resumed.peak().toFixed(0)} MiB, getrusage ${job.peakRssMiB} MiB)`,
    );
    expect(job).toMatchObject({
      id: afterKill.id,
      status: 'completed',
      rowsDone: ROWS,
      rowsFailed: 0,
      rowsSkipped: 0,
    });
    expect(peak).toBeLessThan(MAX_PEAK_RSS_MIB);
    expect(await stored(job.sourceSha256)).toEqual({
      count: ROWS,
      distinct_ids: ROWS,
      first_row: 1,
      last_row: ROWS,
      amount_sum: file.amountSum,
      checksum: file.checksum,
      customers: CUSTOMERS,
    });
    const { rows } = await db.query(`SELECT count(*)::int AS n FROM profiles`);
    expect(rows[0].n).toBe(CUSTOMERS); // every event found its customer, none was created
  }, 600_000);
});
