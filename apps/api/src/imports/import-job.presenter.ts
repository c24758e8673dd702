import { type ImportJob } from './persistence/import-job';

export function presentImportJob(job: ImportJob) {
  return {
    id: job.id,
    kind: job.kind,
    format: job.format,
    sourceName: job.sourceName,
    sourceSha256: job.sourceSha256,
    sourceBytes: job.sourceBytes,
    mapping: job.mapping,
    trigger: job.trigger,
    status: job.status,
    rowsDone: job.rowsDone,
    rowsFailed: job.rowsFailed,
    rowsSkipped: job.rowsSkipped,
    error: job.error,
    startedAt: job.startedAt.toISOString(),
    updatedAt: job.updatedAt.toISOString(),
    finishedAt: job.finishedAt?.toISOString() ?? null,
  };
}
