import { Injectable, NotFoundException } from '@nestjs/common';
import { type ImportJob } from '../../persistence/import-job';
import { ImportJobsRepository } from '../../persistence/import-jobs.repository';

@Injectable()
export class GetImportUseCase {
  constructor(private readonly jobs: ImportJobsRepository) {}

  async execute(workspaceId: string, id: string): Promise<ImportJob> {
    const job = await this.jobs.find(workspaceId, id);
    if (!job) throw new NotFoundException(`Import ${id} not found`);
    return job;
  }
}
