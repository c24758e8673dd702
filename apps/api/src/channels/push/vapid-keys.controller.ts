import { Controller, Get, UseGuards } from '@nestjs/common';
import { ApiBasicAuth, ApiOkResponse, ApiOperation, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { IngestionKeyGuard } from '../../events/ingestion-key.guard';
import { WorkspaceId } from '../../workspaces/workspace-id.decorator';
import { VapidPublicKeyDto } from '../dtos/push.dto';
import { VapidKeysRepository } from './vapid-keys.repository';

/** What a site's page needs to subscribe its visitors to the workspace's web push messages. */
@ApiTags('ingestion')
@ApiBasicAuth()
@ApiUnauthorizedResponse({ description: 'Missing, unknown or revoked write key' })
@UseGuards(IngestionKeyGuard)
@Controller('v1/push')
export class VapidKeysController {
  constructor(private readonly keys: VapidKeysRepository) {}

  @Get('vapid-public-key')
  @ApiOperation({
    summary: "The workspace's VAPID public key, for pushManager.subscribe({ applicationServerKey })",
    description: 'Made on the first request and never changed: subscriptions made with it stay valid.',
  })
  @ApiOkResponse({ type: VapidPublicKeyDto })
  async publicKey(@WorkspaceId() workspaceId: string): Promise<VapidPublicKeyDto> {
    return { publicKey: await this.keys.publicKey(workspaceId) };
  }
}
