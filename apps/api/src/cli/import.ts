import 'reflect-metadata';
import { constants, createReadStream, createWriteStream } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import { basename, dirname, extname, resolve } from 'node:path';
import { once } from 'node:events';
import { parseArgs } from 'node:util';
import { NestFactory } from '@nestjs/core';
import {
  ImportArgumentError,
  type ImportFormat,
  type ImportKind,
  parseMapOptions,
} from '../imports/mapping/import-mapping';
import { type ImportJob, MAX_KEPT_ERRORS } from '../imports/persistence/import-job';
import { ImportJobsRepository } from '../imports/persistence/import-jobs.repository';
import { digestFile } from '../imports/sources/source-files';
import { ImportBusyError, OpenImportUseCase } from '../imports/usecases/open-import/open-import.usecase';
import { type ImportProgress, RunImportUseCase } from '../imports/usecases/run-import/run-import.usecase';
import { CliModule } from './cli.module';
import { runCli } from './run-cli';

const USAGE = `Usage: import --workspace <uuid> --kind profiles|events --file <path> [options]

Imports profiles or events from a CSV file (header row first) or NDJSON (one JSON object per line),
streamed in batches of up to 1 000 rows, each committed with the job's progress. Running the same file
again resumes after the last committed batch (or, once completed, replays it without duplicating).

  --format csv|ndjson     default from the file extension (.csv, .ndjson, .jsonl)
  --map column=target     explicit mapping, repeatable; targets: identity.<kind>, user_id,
                          anonymous_id, email, phone, traits.<path>[:number|boolean|json],
                          consent.<email|sms|push>, event, timestamp, message_id, type,
                          properties.<path>[:cast], context.<path>[:cast], ignore
  --no-trigger            event imports: do not start journeys for the imported events
  --restart               start an unfinished import of this file over with these options
  --errors <path>         per-row error report (NDJSON); default ./import-<job id>.errors.ndjson
  --json                  print the finished job as one JSON object

Exit codes: 0 done (even with row errors), 2 bad arguments or unreadable file, 1 failure.`;

const FORMAT_OF_EXTENSION: Record<string, ImportFormat> = {
  '.csv': 'csv',
  '.ndjson': 'ndjson',
  '.jsonl': 'ndjson',
};

interface Options {
  workspace: string;
  kind: ImportKind;
  file: string;
  format: ImportFormat;
  mapping: Record<string, string>;
  trigger: boolean;
  restart: boolean;
  errors?: string;
  json: boolean;
}

class UsageError extends Error {}

function parseOptions(argv: string[]): Options | 'help' {
  let values;
  try {
    values = parseArgs({
      args: argv,
      options: {
        workspace: { type: 'string' },
        kind: { type: 'string' },
        file: { type: 'string' },
        format: { type: 'string' },
        map: { type: 'string', multiple: true },
        trigger: { type: 'boolean' },
        'no-trigger': { type: 'boolean' },
        restart: { type: 'boolean' },
        errors: { type: 'string' },
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    }).values;
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (values.help) return 'help';
  const { workspace, kind, file } = values;
  if (!workspace || !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(workspace)) {
    throw new UsageError('--workspace <uuid> is required');
  }
  if (kind !== 'profiles' && kind !== 'events') throw new UsageError('--kind profiles|events is required');
  if (!file) throw new UsageError('--file <path> is required');
  const format = (values.format ?? FORMAT_OF_EXTENSION[extname(file).toLowerCase()]) as
    ImportFormat | undefined;
  if (format !== 'csv' && format !== 'ndjson') {
    throw new UsageError(
      values.format
        ? `--format is csv or ndjson`
        : `Cannot tell the format of ${file}: give --format csv|ndjson`,
    );
  }
  if (values.trigger && values['no-trigger']) throw new UsageError('--trigger and --no-trigger contradict');
  if (values['no-trigger'] && kind !== 'events') throw new UsageError('--no-trigger is for event imports');
  let mapping: Record<string, string>;
  try {
    mapping = parseMapOptions(values.map ?? []);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  return {
    workspace: workspace.toLowerCase(),
    kind,
    file: resolve(file),
    format,
    mapping,
    trigger: !values['no-trigger'],
    restart: Boolean(values.restart),
    errors: values.errors,
    json: Boolean(values.json),
  };
}

const number = (n: number) => Math.round(n).toLocaleString('en-US');

/** At most one line per second on stderr, so a terminal or a log file can follow the import. */
function progressPrinter(total: number) {
  const started = Date.now();
  let last = 0;
  return ({ job, rowsThisRun, bytesRead }: ImportProgress) => {
    const now = Date.now();
    if (now - last < 1000) return;
    last = now;
    const rate = rowsThisRun / Math.max(0.001, (now - started) / 1000);
    const percent =
      total > 0 ? ` (${Math.min(100, Math.floor((bytesRead / total) * 100))}% of the file)` : '';
    console.error(
      `import ${job.id}: ${number(job.rowsDone)} rows done${percent}, ${number(rate)} rows/s, ${number(job.rowsFailed)} failed`,
    );
  };
}

async function writeErrorReport(jobs: ImportJobsRepository, job: ImportJob, path: string): Promise<number> {
  const out = createWriteStream(path);
  let written = 0;
  for (let after = 0; ;) {
    const page = await jobs.errors(job.id, after, 1000);
    for (const error of page) {
      if (!out.write(`${JSON.stringify(error)}\n`)) await once(out, 'drain');
    }
    written += page.length;
    if (page.length < 1000) break;
    after = page[page.length - 1].row;
  }
  out.end();
  await once(out, 'finish');
  return written;
}

async function main(): Promise<number> {
  let options: Options | 'help';
  try {
    options = parseOptions(process.argv.slice(2));
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (options === 'help') {
    console.log(USAGE);
    return 0;
  }
  if (!process.env.DATABASE_URL) {
    console.error('DATABASE_URL is not set (e.g. postgres://user:pass@127.0.0.1:5432/parcours)');
    return 2;
  }
  if (options.errors) {
    try {
      await access(dirname(resolve(options.errors)), constants.W_OK);
    } catch (error) {
      console.error(`Cannot write the error report ${options.errors}: ${(error as Error).message}`);
      return 2;
    }
  }
  let digest;
  try {
    if (!(await stat(options.file)).isFile()) throw new Error('not a regular file');
    digest = await digestFile(options.file);
  } catch (error) {
    console.error(`Cannot read ${options.file}: ${(error as Error).message}`);
    return 2;
  }

  const app = await NestFactory.createApplicationContext(CliModule, { logger: ['error'] });
  const controller = new AbortController();
  const interrupt = () => controller.abort();
  process.once('SIGINT', interrupt);
  process.once('SIGTERM', interrupt);
  try {
    let opened;
    try {
      opened = await app.get(OpenImportUseCase).execute({
        workspaceId: options.workspace,
        kind: options.kind,
        format: options.format,
        sourceName: basename(options.file),
        sourceSha256: digest.sha256,
        sourceBytes: digest.bytes,
        mapping: options.mapping,
        trigger: options.trigger,
        restart: options.restart,
      });
    } catch (error) {
      if (error instanceof ImportArgumentError) {
        console.error(error.message);
        return 2;
      }
      if (error instanceof ImportBusyError) {
        console.error(error.message);
        return 1;
      }
      throw error;
    }
    const { job: opening, mode } = opened;
    if (mode !== 'new') {
      console.error(
        mode === 'resumed'
          ? `Resuming import ${opening.id} after row ${number(opening.rowsDone)}`
          : `Importing ${basename(options.file)} again (import ${opening.id}): rows already there are left as they are`,
      );
    }
    const started = Date.now();
    let job: ImportJob;
    try {
      job = await app.get(RunImportUseCase).execute(opened, createReadStream(options.file), {
        onProgress: progressPrinter(digest.bytes),
        signal: controller.signal,
      });
    } finally {
      await opened.lease.release().catch(() => undefined);
    }
    const seconds = (Date.now() - started) / 1000;
    const rowsThisRun = job.rowsDone - opening.rowsDone;
    let report: string | undefined;
    if (job.rowsFailed > 0) {
      report = resolve(options.errors ?? `import-${job.id}.errors.ndjson`);
      await writeErrorReport(app.get(ImportJobsRepository), job, report);
    }
    const peakRss = process.resourceUsage().maxRSS / 1024;
    if (options.json) {
      console.log(
        JSON.stringify({ ...job, errorReport: report ?? null, seconds, peakRssMiB: Math.round(peakRss) }),
      );
    } else {
      console.log(
        `Import ${job.id} completed: ${number(job.rowsDone)} rows (${number(rowsThisRun)} in this run, ` +
          `${seconds.toFixed(1)} s, ${number(rowsThisRun / Math.max(seconds, 0.001))} rows/s, peak RSS ${number(peakRss)} MiB)`,
      );
      if (job.rowsSkipped > 0) console.log(`${number(job.rowsSkipped)} events were already stored: skipped`);
    }
    if (report) {
      const kept = Math.min(job.rowsFailed, MAX_KEPT_ERRORS);
      console.error(
        `${number(job.rowsFailed)} rows failed and were not imported; report (${number(kept)} rows): ${report}`,
      );
    }
    return 0;
  } finally {
    await app.close();
  }
}

runCli('Import', main);
