import { Body, Controller, HttpCode, Post, UseGuards } from '@nestjs/common';
import { ApiBasicAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { WriteKeyGuard } from '../workspaces/key.guards';
import { WorkspaceId } from '../workspaces/workspace-id.decorator';
import { TrackDto, TrackResultDto } from './dtos/track.dto';
import { TrackEventUseCase } from './track-event.usecase';

/** Ingestion, authenticated with the workspace write key like Segment's HTTP API. */
@ApiTags('ingestion')
@ApiBasicAuth()
@UseGuards(WriteKeyGuard)
@Controller('v1')
export class TrackController {
  constructor(private readonly trackEvent: TrackEventUseCase) {}

  @Post('track')
  @HttpCode(200)
  @ApiOkResponse({ type: TrackResultDto })
  async track(@WorkspaceId() workspaceId: string, @Body() body: TrackDto) {
    await this.trackEvent.execute(workspaceId, body);
    return { success: true as const };
  }
}
