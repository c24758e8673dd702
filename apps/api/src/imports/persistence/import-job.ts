import { type ImportFormat, type ImportKind } from '../mapping/import-mapping';

export type ImportStatus = 'running' | 'completed' | 'failed';

/** One import of one file into one workspace; `rowsDone` is the committed offset. */
export interface ImportJob {
  id: string;
  workspaceId: string;
  kind: ImportKind;
  format: ImportFormat;
  sourceName: string;
  sourceSha256: string;
  sourceBytes: number;
  /** The explicit `column → target` choices; conventions fill in the rest. */
  mapping: Record<string, string>;
  trigger: boolean;
  status: ImportStatus;
  rowsDone: number;
  rowsFailed: number;
  /** Events already stored under the same message id (a previous run, or another source). */
  rowsSkipped: number;
  error: string | null;
  startedAt: Date;
  updatedAt: Date;
  finishedAt: Date | null;
}

/** Only this many row errors are kept per job; `rowsFailed` counts them all. */
export const MAX_KEPT_ERRORS = 10_000;

export interface ImportJobRow {
  id: string;
  workspace_id: string;
  kind: ImportKind;
  format: ImportFormat;
  source_name: string;
  source_sha256: string;
  source_bytes: string;
  mapping: Record<string, string>;
  trigger: boolean;
  status: ImportStatus;
  rows_done: string;
  rows_failed: string;
  rows_skipped: string;
  error: string | null;
  started_at: Date;
  updated_at: Date;
  finished_at: Date | null;
}

export function toImportJob(row: ImportJobRow): ImportJob {
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    kind: row.kind,
    format: row.format,
    sourceName: row.source_name,
    sourceSha256: row.source_sha256,
    sourceBytes: Number(row.source_bytes),
    mapping: row.mapping,
    trigger: row.trigger,
    status: row.status,
    rowsDone: Number(row.rows_done),
    rowsFailed: Number(row.rows_failed),
    rowsSkipped: Number(row.rows_skipped),
    error: row.error,
    startedAt: row.started_at,
    updatedAt: row.updated_at,
    finishedAt: row.finished_at,
  };
}
