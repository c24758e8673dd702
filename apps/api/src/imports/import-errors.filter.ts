import {
  type ArgumentsHost,
  BadRequestException,
  Catch,
  ConflictException,
  type ExceptionFilter,
  HttpException,
  PayloadTooLargeException,
} from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';
import { ImportArgumentError } from './mapping/import-mapping';
import { SourceTooLargeError } from './sources/source-files';
import { ImportBusyError } from './usecases/open-import/open-import.usecase';

/** The importer's own errors as HTTP answers; anything else goes to Nest's default handling. */
@Catch()
export class ImportErrorsFilter extends BaseExceptionFilter implements ExceptionFilter {
  override catch(error: unknown, host: ArgumentsHost): void {
    super.catch(translate(error), host);
  }
}

function translate(error: unknown): unknown {
  if (error instanceof HttpException) return error;
  if (error instanceof ImportArgumentError) return new BadRequestException(error.message);
  if (error instanceof ImportBusyError) return new ConflictException(error.message);
  if (error instanceof SourceTooLargeError) return new PayloadTooLargeException(error.message);
  return error;
}
