import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager, type QueryRunner } from 'typeorm';
import { type RowError } from '../mapping/map-row';
import { type ImportJob, type ImportJobRow, MAX_KEPT_ERRORS, toImportJob } from './import-job';

/** What a job is created from: the workspace, the file (name, hash, size) and the options. */
export type NewImportJob = Pick<
  ImportJob,
  'workspaceId' | 'kind' | 'format' | 'sourceName' | 'sourceSha256' | 'sourceBytes' | 'mapping' | 'trigger'
>;

export interface BatchProgress {
  /** rows_done before the batch: the job must still be there, or another process moved it. */
  from: number;
  to: number;
  failed: RowError[];
  skipped: number;
}

/** Held for as long as a process runs a job; released when its connection ends, crash included. */
export interface JobLease {
  release(): Promise<void>;
}

/** Raised when the job moved under this process: another one is running it. */
export class ImportJobTakenError extends Error {}

@Injectable()
export class ImportJobsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The job of this workspace + file content + kind, created if it is the first run. */
  async findOrCreate(input: NewImportJob): Promise<{ job: ImportJob; created: boolean }> {
    const [created]: ImportJobRow[] = await this.dataSource.query(
      `INSERT INTO import_jobs (workspace_id, kind, format, source_name, source_sha256, source_bytes, mapping, trigger, status)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'running')
       ON CONFLICT (workspace_id, source_sha256, kind) DO NOTHING RETURNING *`,
      [
        input.workspaceId,
        input.kind,
        input.format,
        input.sourceName,
        input.sourceSha256,
        input.sourceBytes,
        input.mapping,
        input.trigger,
      ],
    );
    if (created) return { job: toImportJob(created), created: true };
    const [existing]: ImportJobRow[] = await this.dataSource.query(
      `SELECT * FROM import_jobs WHERE workspace_id = $1 AND source_sha256 = $2 AND kind = $3`,
      [input.workspaceId, input.sourceSha256, input.kind],
    );
    return { job: toImportJob(existing), created: false };
  }

  /** A session lock on its own connection: a second process cannot run the same job at once. */
  async lease(jobId: string): Promise<JobLease | null> {
    const runner: QueryRunner = this.dataSource.createQueryRunner();
    await runner.connect();
    const key = `import_job:${jobId}`;
    try {
      const [{ locked }] = await runner.query(
        `SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS locked`,
        [key],
      );
      if (!locked) {
        await runner.release();
        return null;
      }
    } catch (error) {
      await runner.release();
      throw error;
    }
    return {
      release: async () => {
        try {
          await runner.query(`SELECT pg_advisory_unlock(hashtextextended($1, 0))`, [key]);
        } finally {
          await runner.release();
        }
      },
    };
  }

  async find(workspaceId: string, id: string): Promise<ImportJob | null> {
    const [row]: ImportJobRow[] = await this.dataSource.query(
      `SELECT * FROM import_jobs WHERE workspace_id = $1 AND id = $2`,
      [workspaceId, id],
    );
    return row ? toImportJob(row) : null;
  }

  /** Starts the job over (a completed file imported again): every row is replayed, idempotently. */
  async restart(job: ImportJob, input: NewImportJob): Promise<ImportJob> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query(`DELETE FROM import_errors WHERE job_id = $1`, [job.id]);
      const [[row]]: [ImportJobRow[]] = await manager.query(
        `UPDATE import_jobs SET status = 'running', rows_done = 0, rows_failed = 0, rows_skipped = 0, error = NULL,
                format = $2, source_name = $3, mapping = $4, trigger = $5,
                started_at = now(), updated_at = now(), finished_at = NULL
         WHERE id = $1 RETURNING *`,
        [job.id, input.format, input.sourceName, input.mapping, input.trigger],
      );
      return toImportJob(row);
    });
  }

  /** Picks a running or failed job up where its last committed batch ended. */
  async resume(job: ImportJob, sourceName: string): Promise<ImportJob> {
    const [[row]]: [ImportJobRow[]] = await this.dataSource.query(
      `UPDATE import_jobs SET status = 'running', error = NULL, source_name = $2, updated_at = now(), finished_at = NULL
       WHERE id = $1 RETURNING *`,
      [job.id, sourceName],
    );
    return toImportJob(row);
  }

  /**
   * Moves the committed offset inside the batch's own transaction, with the batch's counts and row
   * errors (up to the cap). Refuses if the offset is not where this batch starts.
   */
  async commitBatch(manager: EntityManager, jobId: string, batch: BatchProgress): Promise<void> {
    const [rows]: [{ rows_failed: string }[], number] = await manager.query(
      `UPDATE import_jobs SET rows_done = $3, rows_failed = rows_failed + $4, rows_skipped = rows_skipped + $5,
              updated_at = now()
       WHERE id = $1 AND rows_done = $2 AND status = 'running'
       RETURNING rows_failed`,
      [jobId, batch.from, batch.to, batch.failed.length, batch.skipped],
    );
    if (rows.length === 0) {
      throw new ImportJobTakenError(`Import ${jobId} was moved past row ${batch.from} by another process`);
    }
    const keptBefore = Number(rows[0].rows_failed) - batch.failed.length;
    const kept = batch.failed.slice(0, Math.max(0, MAX_KEPT_ERRORS - keptBefore));
    if (kept.length === 0) return;
    await manager.query(
      `INSERT INTO import_errors (job_id, row_number, line, errors)
       SELECT $1, row_number, line, errors FROM unnest($2::bigint[], $3::bigint[], $4::jsonb[]) AS t(row_number, line, errors)
       ON CONFLICT DO NOTHING`,
      [jobId, kept.map((e) => e.row), kept.map((e) => e.line), kept.map((e) => JSON.stringify(e.errors))],
    );
  }

  async finish(
    jobId: string,
    status: 'completed' | 'failed',
    error: string | null = null,
  ): Promise<ImportJob> {
    const [[row]]: [ImportJobRow[]] = await this.dataSource.query(
      `UPDATE import_jobs SET status = $2, error = $3, updated_at = now(), finished_at = now()
       WHERE id = $1 RETURNING *`,
      [jobId, status, error],
    );
    return toImportJob(row);
  }

  /** Row errors in file order, after a row number (keyset paging). */
  async errors(jobId: string, afterRow: number, limit: number): Promise<RowError[]> {
    const rows: { row_number: string; line: string | null; errors: RowError['errors'] }[] =
      await this.dataSource.query(
        `SELECT row_number, line, errors FROM import_errors WHERE job_id = $1 AND row_number > $2
         ORDER BY row_number LIMIT $3`,
        [jobId, afterRow, limit],
      );
    return rows.map((r) => ({ row: Number(r.row_number), line: Number(r.line), errors: r.errors }));
  }
}
