import { createReadStream } from 'node:fs';
import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { type SpooledSource } from '../../sources/source-files';
import { type OpenedImport } from '../open-import/open-import.usecase';
import { RunImportUseCase } from '../run-import/run-import.usecase';

/**
 * Imports the API accepted, running in this process after the response. On shutdown each stops
 * after its current batch; posting the same file again resumes it.
 */
@Injectable()
export class BackgroundImports implements OnApplicationShutdown {
  private readonly logger = new Logger(BackgroundImports.name);
  private readonly running = new Map<string, { abort: AbortController; done: Promise<void> }>();

  constructor(private readonly runImport: RunImportUseCase) {}

  start(opened: OpenedImport, source: SpooledSource): void {
    const abort = new AbortController();
    const done = this.runImport
      .execute(opened, createReadStream(source.path), { signal: abort.signal })
      .then(
        (job) =>
          this.logger.log(`Import ${job.id} completed: ${job.rowsDone} rows, ${job.rowsFailed} failed`),
        (error: Error) => this.logger.warn(`Import ${opened.job.id} stopped: ${error.message}`),
      )
      .finally(async () => {
        this.running.delete(opened.job.id);
        await opened.lease.release().catch(() => undefined);
        await source.remove();
      });
    this.running.set(opened.job.id, { abort, done });
  }

  async onApplicationShutdown(): Promise<void> {
    const all = [...this.running.values()];
    for (const { abort } of all) abort.abort();
    await Promise.all(all.map(({ done }) => done));
  }
}
