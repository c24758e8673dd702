import { Injectable } from '@nestjs/common';
import { type RowError } from '../../mapping/map-row';
import { ImportJobsRepository } from '../../persistence/import-jobs.repository';
import { GetImportUseCase } from './get-import.usecase';

/** A page of a job's row errors in file order (only the first 10 000 are kept). */
@Injectable()
export class ListImportErrorsUseCase {
  constructor(
    private readonly getImport: GetImportUseCase,
    private readonly jobs: ImportJobsRepository,
  ) {}

  async execute(
    workspaceId: string,
    id: string,
    page: { after: number; limit: number },
  ): Promise<{ errors: RowError[]; next: number | null }> {
    await this.getImport.execute(workspaceId, id);
    const errors = await this.jobs.errors(id, page.after, page.limit);
    return { errors, next: errors.length === page.limit ? errors[errors.length - 1].row : null };
  }
}
