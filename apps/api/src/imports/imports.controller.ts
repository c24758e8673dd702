import {
  BadRequestException,
  Controller,
  Get,
  Headers,
  HttpCode,
  Param,
  PayloadTooLargeException,
  Post,
  Query,
  Req,
  UnsupportedMediaTypeException,
  UseGuards,
  UseFilters,
} from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { type Request } from 'express';
import { AdminKeyGuard } from '../workspaces/key.guards';
import { WorkspaceId } from '../workspaces/workspace-id.decorator';
import {
  ImportErrorsPageDto,
  ImportErrorsQuery,
  ImportIdParams,
  ImportJobDto,
  StartImportQuery,
} from './dtos/import.dto';
import { ImportErrorsFilter } from './import-errors.filter';
import { presentImportJob } from './import-job.presenter';
import { type ImportFormat } from './mapping/import-mapping';
import { GetImportUseCase } from './usecases/get-import/get-import.usecase';
import { ListImportErrorsUseCase } from './usecases/get-import/list-import-errors.usecase';
import { MAX_UPLOAD_BYTES, UploadImportUseCase } from './usecases/upload-import/upload-import.usecase';

const FORMAT_OF_TYPE: Record<string, ImportFormat> = {
  'text/csv': 'csv',
  'application/csv': 'csv',
  'application/x-ndjson': 'ndjson',
  'application/ndjson': 'ndjson',
  'application/jsonl': 'ndjson',
  'application/x-jsonlines': 'ndjson',
};

function formatOf(contentType: string | undefined, asked: ImportFormat | undefined): ImportFormat {
  const type = contentType?.split(';')[0].trim().toLowerCase() ?? '';
  const format = FORMAT_OF_TYPE[type];
  if (format && asked && asked !== format) {
    throw new BadRequestException(`format=${asked} does not match Content-Type ${type}`);
  }
  if (format) return format;
  if (asked && (type === 'application/octet-stream' || type === 'text/plain')) return asked;
  throw new UnsupportedMediaTypeException(
    'Send the file as the request body with Content-Type text/csv or application/x-ndjson',
  );
}

/** Bulk imports of profiles and events; the file is the request body, streamed to disk, never buffered. */
@ApiTags('imports')
@ApiBearerAuth()
@UseGuards(AdminKeyGuard)
@UseFilters(ImportErrorsFilter)
@Controller('imports')
export class ImportsController {
  constructor(
    private readonly uploadImport: UploadImportUseCase,
    private readonly getImport: GetImportUseCase,
    private readonly listErrors: ListImportErrorsUseCase,
  ) {}

  @Post()
  @HttpCode(202)
  @ApiOperation({
    summary: 'Import profiles or events from a CSV or NDJSON file',
    description:
      'The request body is the file itself (not multipart): `text/csv` with a header row, or ' +
      '`application/x-ndjson` with one JSON object per line, up to 1 GiB (larger files: the `import` CLI). ' +
      'It is streamed to a temporary file, then imported in the background in batches of up to 1 000 rows; ' +
      'follow it with GET /imports/{id}. Posting the same file again resumes an unfinished import or ' +
      'replays a finished one without duplicating anything (events get the message id ' +
      '`import:<sha256 of the file>:<row>` unless the file gives one).',
  })
  @ApiConsumes('text/csv', 'application/x-ndjson')
  @ApiBody({ description: 'The file, as is', schema: { type: 'string', format: 'binary' } })
  @ApiAcceptedResponse({ type: ImportJobDto, description: 'Started (or resumed) in the background' })
  async start(
    @WorkspaceId() workspaceId: string,
    @Query() query: StartImportQuery,
    @Headers('content-type') contentType: string | undefined,
    @Headers('content-length') contentLength: string | undefined,
    @Req() req: Request,
  ) {
    const format = formatOf(contentType, query.format);
    if (Number(contentLength) > MAX_UPLOAD_BYTES) {
      throw new PayloadTooLargeException(`Uploads are limited to ${MAX_UPLOAD_BYTES} bytes: use the CLI`);
    }
    const job = await this.uploadImport.execute({
      workspaceId,
      kind: query.kind,
      format,
      sourceName: query.name,
      map: query.map,
      trigger: query.trigger,
      restart: query.restart,
      body: req,
    });
    return presentImportJob(job);
  }

  @Get(':id')
  @ApiOkResponse({ type: ImportJobDto })
  async get(@WorkspaceId() workspaceId: string, @Param() { id }: ImportIdParams) {
    return presentImportJob(await this.getImport.execute(workspaceId, id));
  }

  @Get(':id/errors')
  @ApiOkResponse({ type: ImportErrorsPageDto })
  async errors(
    @WorkspaceId() workspaceId: string,
    @Param() { id }: ImportIdParams,
    @Query() page: ImportErrorsQuery,
  ) {
    return this.listErrors.execute(workspaceId, id, page);
  }
}
