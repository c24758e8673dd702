import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Bulk imports: one job per workspace + file content + kind, so running the same file again finds
 * its job and resumes after the last committed batch. `rows_done` is that committed offset: it
 * moves in the same transaction as the batch's rows, so a crash never leaves half a batch behind.
 */
export class ImportJobs1764000000000 implements MigrationInterface {
  name = 'ImportJobs1764000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE import_jobs (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
        kind text NOT NULL CHECK (kind IN ('profiles', 'events')),
        format text NOT NULL CHECK (format IN ('csv', 'ndjson')),
        source_name text NOT NULL,
        source_sha256 text NOT NULL CHECK (source_sha256 ~ '^[0-9a-f]{64}$'),
        source_bytes bigint NOT NULL,
        mapping jsonb NOT NULL DEFAULT '{}',
        trigger boolean NOT NULL,
        status text NOT NULL CHECK (status IN ('running', 'completed', 'failed')),
        rows_done bigint NOT NULL DEFAULT 0,
        rows_failed bigint NOT NULL DEFAULT 0,
        rows_skipped bigint NOT NULL DEFAULT 0,
        error text,
        started_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        finished_at timestamptz,
        UNIQUE (workspace_id, source_sha256, kind)
      )`);
    await q.query(`CREATE INDEX import_jobs_workspace_idx ON import_jobs (workspace_id, started_at DESC)`);
    // Only the first errors of a job are kept (the count is rows_failed); written with their batch.
    await q.query(`
      CREATE TABLE import_errors (
        job_id uuid NOT NULL REFERENCES import_jobs(id) ON DELETE CASCADE,
        row_number bigint NOT NULL,
        line bigint,
        errors jsonb NOT NULL,
        PRIMARY KEY (job_id, row_number)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE import_errors`);
    await q.query(`DROP TABLE import_jobs`);
  }
}
