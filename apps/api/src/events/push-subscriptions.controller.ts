import { Body, Controller, Delete, Headers, HttpCode, Post, UseGuards } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBasicAuth,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { WorkspaceId } from '../workspaces/workspace-id.decorator';
import {
  PushSubscriptionRemovedDto,
  RegisterPushSubscriptionDto,
  RemovePushSubscriptionDto,
} from './dtos/push-subscription.dto';
import { SuccessDto } from './dtos/segment-calls.dto';
import { IngestionKeyGuard } from './ingestion-key.guard';
import { PushSubscriptionsRepository } from './persistence/push-subscriptions.repository';
import { RegisterPushSubscriptionUseCase } from './usecases/push-subscriptions/register-push-subscription.usecase';

/** Longer User-Agent headers are cut: the column keeps 1 024 characters. */
const MAX_USER_AGENT = 1_024;

/**
 * Web Push subscriptions, sent by the site's page or service worker with the write key, as the
 * tracking calls are. Sending push messages is the channel's part (VAPID keys, delivery).
 */
@ApiTags('ingestion')
@ApiBasicAuth()
@ApiUnauthorizedResponse({ description: 'Missing, unknown or revoked write key' })
@ApiBadRequestResponse({ description: 'Invalid fields, each with its path' })
@UseGuards(IngestionKeyGuard)
@Controller('v1/push-subscriptions')
export class PushSubscriptionsController {
  constructor(
    private readonly register: RegisterPushSubscriptionUseCase,
    private readonly subscriptions: PushSubscriptionsRepository,
  ) {}

  @Post()
  @HttpCode(200)
  @ApiOperation({
    summary: "Registers a browser's push subscription for the profile of userId / anonymousId",
    description:
      'The body carries `PushSubscription.toJSON()` as `subscription`. The same endpoint registered again ' +
      'moves to the profile of the latest call, with its new keys. Not consent: sends check the push consent.',
  })
  @ApiOkResponse({ type: SuccessDto })
  async add(
    @WorkspaceId() workspaceId: string,
    @Body() body: RegisterPushSubscriptionDto,
    @Headers('user-agent') userAgent?: string,
  ) {
    const { endpoint, expirationTime, keys } = body.subscription;
    await this.register.execute({
      workspaceId,
      userId: body.userId,
      anonymousId: body.anonymousId,
      subscription: {
        endpoint,
        p256dh: keys.p256dh,
        auth: keys.auth,
        expiresAt: typeof expirationTime === 'number' ? new Date(expirationTime) : null,
        userAgent: userAgent ? userAgent.slice(0, MAX_USER_AGENT) : null,
      },
    });
    return { success: true as const };
  }

  @Delete()
  @HttpCode(200)
  @ApiOperation({ summary: 'Forgets a subscription (the browser unsubscribed), by its endpoint' })
  @ApiOkResponse({ type: PushSubscriptionRemovedDto })
  async remove(@WorkspaceId() workspaceId: string, @Body() body: RemovePushSubscriptionDto) {
    return { success: true as const, removed: await this.subscriptions.remove(workspaceId, body.endpoint) };
  }
}
