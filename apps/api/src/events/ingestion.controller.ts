import { Body, Controller, HttpCode, Post, Req, UseGuards } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBasicAuth,
  ApiBody,
  ApiOkResponse,
  ApiOperation,
  ApiPayloadTooLargeResponse,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { type Request } from 'express';
import { WorkspaceId } from '../workspaces/workspace-id.decorator';
import {
  AliasDto,
  BatchDto,
  BatchResultDto,
  type BatchItem,
  GroupDto,
  IdentifyDto,
  PageDto,
  ScreenDto,
  SuccessDto,
  TrackDto,
} from './dtos/segment-calls.dto';
import { IngestionKeyGuard } from './ingestion-key.guard';
import { LIMITS_DESCRIPTION } from './ingestion-limits';
import { IngestBatchUseCase } from './usecases/ingest-batch/ingest-batch.usecase';
import { toIngestCall } from './usecases/ingest-calls/ingest-call';
import { IngestCallsUseCase } from './usecases/ingest-calls/ingest-calls.usecase';

const single = (summary: string) =>
  ApiOperation({
    summary,
    description: `Stored (with its profile changes) before the 200. ${LIMITS_DESCRIPTION} The short path is analytics.js's.`,
  });

/**
 * Segment's HTTP tracking API (https://segment.com/docs/connections/sources/catalog/libraries/server/http-api/),
 * so Segment and RudderStack SDKs work when pointed at Parcours. Authenticated with the write key.
 */
@ApiTags('ingestion')
@ApiBasicAuth()
@ApiUnauthorizedResponse({ description: 'Missing, unknown or revoked write key' })
@ApiBadRequestResponse({ description: 'Malformed JSON or invalid fields, each with its path' })
@ApiPayloadTooLargeResponse({ description: LIMITS_DESCRIPTION })
@UseGuards(IngestionKeyGuard)
@Controller('v1')
export class IngestionController {
  constructor(
    private readonly ingest: IngestCallsUseCase,
    private readonly ingestBatch: IngestBatchUseCase,
  ) {}

  @Post(['identify', 'i'])
  @HttpCode(200)
  @single('Who the user is: resolves (and merges) the profile and applies traits')
  @ApiOkResponse({ type: SuccessDto })
  identify(@WorkspaceId() workspaceId: string, @Body() body: IdentifyDto) {
    return this.one(workspaceId, { ...body, type: 'identify' });
  }

  @Post(['track', 't'])
  @HttpCode(200)
  @single('Something the user did; may start journeys')
  @ApiOkResponse({ type: SuccessDto })
  track(@WorkspaceId() workspaceId: string, @Body() body: TrackDto) {
    return this.one(workspaceId, { ...body, type: 'track' });
  }

  @Post(['page', 'p'])
  @HttpCode(200)
  @single('A page view, stored as an event of type page named after the page (or "page")')
  @ApiOkResponse({ type: SuccessDto })
  page(@WorkspaceId() workspaceId: string, @Body() body: PageDto) {
    return this.one(workspaceId, { ...body, type: 'page' });
  }

  @Post(['screen', 's'])
  @HttpCode(200)
  @single('A mobile screen view, stored as an event of type screen named after the screen (or "screen")')
  @ApiOkResponse({ type: SuccessDto })
  screen(@WorkspaceId() workspaceId: string, @Body() body: ScreenDto) {
    return this.one(workspaceId, { ...body, type: 'screen' });
  }

  @Post(['group', 'g'])
  @HttpCode(200)
  @single("Group membership: recorded on the profile as traits.groups[groupId] = the group's traits")
  @ApiOkResponse({ type: SuccessDto })
  group(@WorkspaceId() workspaceId: string, @Body() body: GroupDto) {
    return this.one(workspaceId, { ...body, type: 'group' });
  }

  @Post(['alias', 'a'])
  @HttpCode(200)
  @single("Merges the profile known by previousId (user id, else anonymous id) into userId's profile")
  @ApiOkResponse({ type: SuccessDto })
  alias(@WorkspaceId() workspaceId: string, @Body() body: AliasDto) {
    return this.one(workspaceId, { ...body, type: 'alias' });
  }

  @Post(['batch', 'import', 'b'])
  @HttpCode(200)
  @ApiOperation({
    summary: 'Several calls at once (Segment SDKs send only this); the valid ones stored in one transaction',
    description:
      `Each call is validated on its own: invalid ones are listed in \`errors\` by index and the rest ` +
      `are stored (200). When none is valid: 400 with the same shape. ${LIMITS_DESCRIPTION}`,
  })
  @ApiBody({ type: BatchDto })
  @ApiOkResponse({ type: BatchResultDto })
  batch(@WorkspaceId() workspaceId: string, @Req() req: Request) {
    // The raw body, not @Body(): items are validated one by one, so one bad call cannot sink the rest.
    return this.ingestBatch.execute(workspaceId, req.body, new Date());
  }

  private async one(workspaceId: string, call: BatchItem) {
    const receivedAt = new Date();
    await this.ingest.execute(workspaceId, [toIngestCall(call, { receivedAt })], receivedAt);
    return { success: true as const };
  }
}
