import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ImportArgumentError, ImportMapping } from '../../mapping/import-mapping';
import { type ImportJob } from '../../persistence/import-job';
import { ImportJobsRepository, type JobLease } from '../../persistence/import-jobs.repository';
import { type OpenImportCommand, openImportCommandSchema } from './open-import.command';

/** Raised when another process is running the same job right now. */
export class ImportBusyError extends Error {}

export interface OpenedImport {
  job: ImportJob;
  lease: JobLease;
  mapping: ImportMapping;
  /** What happened to an earlier job of the same file. */
  mode: 'new' | 'resumed' | 'restarted';
}

const sameOptions = (job: ImportJob, command: { format: string; mapping: object; trigger: boolean }) =>
  job.format === command.format &&
  job.trigger === command.trigger &&
  JSON.stringify(Object.entries(job.mapping).sort()) ===
    JSON.stringify(Object.entries(command.mapping).sort());

/**
 * Finds the job of this file (workspace + content hash + kind) or creates it, and takes it for this
 * process. An unfinished job resumes after its last committed batch (same options required, or
 * `restart`); a completed one is replayed from the start, which changes nothing already imported.
 */
@Injectable()
export class OpenImportUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly jobs: ImportJobsRepository,
  ) {}

  async execute(input: OpenImportCommand): Promise<OpenedImport> {
    const parsed = openImportCommandSchema.safeParse(input);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new ImportArgumentError(`${issue.path.join('.')}: ${issue.message}`);
    }
    const command = parsed.data;
    const mapping = new ImportMapping(command.kind, command.mapping);
    const [workspace] = await this.dataSource.query(`SELECT 1 FROM workspaces WHERE id = $1`, [
      command.workspaceId,
    ]);
    if (!workspace) throw new ImportArgumentError(`Workspace ${command.workspaceId} does not exist`);

    const { job: found, created } = await this.jobs.findOrCreate(command);
    const lease = await this.jobs.lease(found.id);
    if (!lease) {
      throw new ImportBusyError(`Import ${found.id} of this file is running in another process`);
    }
    try {
      // Read again under the lease: the previous holder may have moved it until a moment ago.
      const job = (await this.jobs.find(command.workspaceId, found.id))!;
      if (job.status === 'completed' || command.restart) {
        return { job: await this.jobs.restart(job, command), lease, mapping, mode: 'restarted' };
      }
      if (!sameOptions(job, command)) {
        throw new ImportArgumentError(
          `Import ${job.id} of this file stopped at row ${job.rowsDone} with other options ` +
            `(format ${job.format}, trigger ${job.trigger}, mapping ${JSON.stringify(job.mapping)}): ` +
            `give the same options to resume it, or restart it from row 1`,
        );
      }
      return {
        job: await this.jobs.resume(job, command.sourceName),
        lease,
        mapping,
        mode: created ? 'new' : 'resumed',
      };
    } catch (error) {
      await lease.release();
      throw error;
    }
  }
}
