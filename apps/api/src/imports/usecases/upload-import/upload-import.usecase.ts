import { type Readable } from 'node:stream';
import { Injectable } from '@nestjs/common';
import {
  type ImportFormat,
  type ImportKind,
  ImportMapping,
  parseMapOptions,
} from '../../mapping/import-mapping';
import { type ImportJob } from '../../persistence/import-job';
import { spoolToTempFile } from '../../sources/source-files';
import { OpenImportUseCase } from '../open-import/open-import.usecase';
import { BackgroundImports } from './background-imports.service';

/** Uploads above this go through the CLI (`node apps/api/dist/cli/import.js`), which reads from disk. */
export const MAX_UPLOAD_BYTES = 1024 * 1024 * 1024;

export interface UploadImportCommand {
  workspaceId: string;
  kind: ImportKind;
  format: ImportFormat;
  sourceName: string;
  map: string[];
  trigger: boolean;
  restart: boolean;
  body: Readable;
}

/**
 * Spools the request body to a temporary file (hashing it on the way, never holding it in
 * memory), opens or resumes the file's job, and runs it in the background. Returns the job.
 */
@Injectable()
export class UploadImportUseCase {
  constructor(
    private readonly openImport: OpenImportUseCase,
    private readonly background: BackgroundImports,
  ) {}

  async execute(command: UploadImportCommand): Promise<ImportJob> {
    const mapping = parseMapOptions(command.map);
    new ImportMapping(command.kind, mapping); // refuses a bad mapping before the upload is read
    const source = await spoolToTempFile(command.body, MAX_UPLOAD_BYTES);
    try {
      const opened = await this.openImport.execute({
        workspaceId: command.workspaceId,
        kind: command.kind,
        format: command.format,
        sourceName: command.sourceName,
        sourceSha256: source.sha256,
        sourceBytes: source.bytes,
        mapping,
        trigger: command.trigger,
        restart: command.restart,
      });
      this.background.start(opened, source);
      return opened.job;
    } catch (error) {
      await source.remove();
      throw error;
    }
  }
}
