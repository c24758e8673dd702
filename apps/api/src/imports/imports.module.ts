import { Module } from '@nestjs/common';
import { ProfilesModule } from '../profiles/profiles.module';
import { ImportsController } from './imports.controller';
import { BatchProfileResolver } from './persistence/batch-profile-resolver';
import { EventBatchWriter } from './persistence/event-batch.writer';
import { ImportJobsRepository } from './persistence/import-jobs.repository';
import { ProfileBatchWriter } from './persistence/profile-batch.writer';
import { GetImportUseCase } from './usecases/get-import/get-import.usecase';
import { ListImportErrorsUseCase } from './usecases/get-import/list-import-errors.usecase';
import { OpenImportUseCase } from './usecases/open-import/open-import.usecase';
import { RunImportUseCase } from './usecases/run-import/run-import.usecase';
import { BackgroundImports } from './usecases/upload-import/background-imports.service';
import { UploadImportUseCase } from './usecases/upload-import/upload-import.usecase';

/** Bulk import of profiles and events from CSV or NDJSON, by the API or the `import` CLI. */
@Module({
  imports: [ProfilesModule],
  controllers: [ImportsController],
  providers: [
    ImportJobsRepository,
    BatchProfileResolver,
    ProfileBatchWriter,
    EventBatchWriter,
    OpenImportUseCase,
    RunImportUseCase,
    UploadImportUseCase,
    BackgroundImports,
    GetImportUseCase,
    ListImportErrorsUseCase,
  ],
  exports: [OpenImportUseCase, RunImportUseCase, ImportJobsRepository],
})
export class ImportsModule {}
