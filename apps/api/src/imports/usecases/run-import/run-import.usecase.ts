import { type Readable } from 'node:stream';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { type ImportMapping } from '../../mapping/import-mapping';
import {
  type EventRow,
  isRowError,
  mapEventRow,
  mapProfileRow,
  type ProfileRow,
  type RowError,
  type SourceRecord,
} from '../../mapping/map-row';
import { EventBatchWriter } from '../../persistence/event-batch.writer';
import { type ImportJob } from '../../persistence/import-job';
import { ImportJobsRepository, ImportJobTakenError } from '../../persistence/import-jobs.repository';
import { ProfileBatchWriter } from '../../persistence/profile-batch.writer';
import { readRecords, type SourceProgress } from '../../sources/read-records';
import { BatchPipeline } from './batch-pipeline';

export const DEFAULT_BATCH_SIZE = 1000;

/**
 * A batch also ends at this many identities: each takes one advisory lock until commit, and two
 * batches in flight must leave room in Postgres' shared lock table (64 × max_connections slots by
 * default, 6 400 for 100 connections).
 */
export const MAX_BATCH_IDENTITIES = 1500;

export interface ImportProgress {
  job: ImportJob;
  /** Rows committed by this run (not counting those a previous run had committed). */
  rowsThisRun: number;
  /** Bytes of the source read so far. */
  bytesRead: number;
}

export interface RunImportOptions {
  onProgress?: (progress: ImportProgress) => void;
  /** Stops after the batch being committed; the job can be resumed later. */
  signal?: AbortSignal;
  batchSize?: number;
}

interface Batch {
  from: number;
  to: number;
  rows: (ProfileRow | EventRow)[];
  failed: RowError[];
  /** Identities the rows carry (each one a lock, see MAX_BATCH_IDENTITIES). */
  identities: number;
  /** Events already stored (set when the batch commits). */
  skipped: number;
}

/**
 * Worth retrying a whole batch for (it was rolled back, so a retry is safe): deadlock, serialization
 * failure, lock timeout, and a unique violation from a writer that created an identity without the
 * resolver's locks.
 */
const TRANSIENT = new Set(['40P01', '40001', '55P03', '23505']);

const isTransient = (error: unknown) => {
  const e = error as { driverError?: { code?: string }; code?: string };
  return TRANSIENT.has(e.driverError?.code ?? e.code ?? '');
};

/** A safety valve: a batch waiting this long for a lock gives up and is retried alone. */
const LOCK_TIMEOUT = '30s';

/**
 * Reads the source from the start, skips the rows a previous run committed, and commits the rest
 * in batches: each batch's rows, its row errors and the job's new offset in one transaction, in
 * file order. A process killed at any point leaves whole batches only, and the next run continues
 * after them. Reading and validating runs ahead of the database by one batch, and two batches are
 * written at once on two connections (see BatchPipeline), no more: memory stays bounded.
 */
@Injectable()
export class RunImportUseCase {
  private readonly logger = new Logger(RunImportUseCase.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly jobs: ImportJobsRepository,
    private readonly profiles: ProfileBatchWriter,
    private readonly events: EventBatchWriter,
  ) {}

  async execute(
    opened: { job: ImportJob; mapping: ImportMapping },
    source: Readable,
    options: RunImportOptions = {},
  ): Promise<ImportJob> {
    const job = { ...opened.job };
    const size = options.batchSize ?? DEFAULT_BATCH_SIZE;
    const progress: SourceProgress = { bytes: 0 };
    const resumeAfter = job.rowsDone;
    const messageIdPrefix = `import:${job.sourceSha256}:`;
    const mapRecord =
      job.kind === 'profiles'
        ? (record: SourceRecord) => mapProfileRow(record, opened.mapping)
        : (record: SourceRecord) => mapEventRow(record, opened.mapping, (row) => messageIdPrefix + row);

    const pipeline = new BatchPipeline<Batch>(
      (batch, locked, previousCommitted) => this.commit(job, batch, locked, previousCommitted),
      isTransient,
      (batch) => {
        job.rowsDone = batch.to;
        job.rowsFailed += batch.failed.length;
        job.rowsSkipped += batch.skipped;
        options.onProgress?.({
          job: { ...job },
          rowsThisRun: job.rowsDone - resumeAfter,
          bytesRead: progress.bytes,
        });
      },
    );

    try {
      const empty = (at: number): Batch => ({
        from: at,
        to: at,
        rows: [],
        failed: [],
        identities: 0,
        skipped: 0,
      });
      let batch = empty(job.rowsDone);
      for await (const record of readRecords(source, job.format, progress)) {
        if (record.row <= resumeAfter) continue;
        // Parsing is synchronous per chunk: let the batches being written get their replies meanwhile.
        if (record.row % 100 === 0) await yieldToEventLoop();
        const mapped = mapRecord(record);
        if (isRowError(mapped)) batch.failed.push(mapped);
        else {
          batch.rows.push(mapped);
          batch.identities += mapped.identities.length;
        }
        batch.to = record.row;
        if (batch.to - batch.from >= size || batch.identities >= MAX_BATCH_IDENTITIES) {
          options.signal?.throwIfAborted();
          await pipeline.submit(batch);
          batch = empty(batch.to);
        }
      }
      if (batch.to > batch.from) await pipeline.submit(batch);
      await pipeline.drain();
      return await this.jobs.finish(job.id, 'completed');
    } catch (error) {
      await pipeline.abandon();
      const message = options.signal?.aborted
        ? 'Interrupted: run the same import again to resume it'
        : (error as Error).message;
      if (!(error instanceof ImportJobTakenError)) {
        await this.jobs.finish(job.id, 'failed', message).catch((e: Error) => {
          this.logger.error(`Import ${job.id} could not be marked failed: ${e.message}`);
        });
      }
      throw error;
    }
  }

  /** One batch, one transaction: rows, row errors and the job's offset commit together, or nothing. */
  private async commit(
    job: ImportJob,
    batch: Batch,
    locked: () => void,
    previousCommitted: () => Promise<void>,
  ): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await manager.query(`SET LOCAL lock_timeout = '${LOCK_TIMEOUT}'`);
      batch.skipped =
        job.kind === 'profiles'
          ? (await this.profiles.write(manager, job.workspaceId, job.id, batch.rows as ProfileRow[], locked),
            0)
          : await this.events.write(manager, job.workspaceId, batch.rows as EventRow[], {
              trigger: job.trigger,
              locked,
            });
      locked();
      await previousCommitted();
      // Last, once the batch before has committed: the offset moves with the rows, in file order.
      await this.jobs.commitBatch(manager, job.id, batch);
    });
  }
}
