import { createHash, timingSafeEqual } from 'node:crypto';
import {
  Body,
  Controller,
  HttpCode,
  Inject,
  NotFoundException,
  Post,
  Req,
  UnauthorizedException,
} from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { type Request } from 'express';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { DeliveryEventsService } from './delivery-events.service';
import { EmailFeedbackDto, EmailFeedbackResultDto, type EmailFeedback } from './dtos/email-webhook.dto';
import { MessageConsent } from './message-consent.service';

const digest = (value: string) => createHash('sha256').update(value).digest();

/**
 * Delivery feedback from an email provider or a relay (SES/SNS, Postmark, SendGrid… mapped to this
 * generic shape by a small adapter): deliveries, bounces, complaints, by the message id Parcours
 * gave the email.
 */
@ApiTags('tracking')
@Controller('webhooks/email')
export class EmailWebhookController {
  private readonly secret: Buffer | null;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly events: DeliveryEventsService,
    private readonly consent: MessageConsent,
  ) {
    this.secret = config.EMAIL_WEBHOOK_SECRET ? digest(config.EMAIL_WEBHOOK_SECRET) : null;
  }

  @Post('feedback')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Deliveries, bounces and complaints (Authorization: Bearer EMAIL_WEBHOOK_SECRET)',
    description:
      'A hard bounce or a complaint revokes the email consent (source `hard_bounce` / `complaint`) and suppresses the address for the workspace; a soft bounce is only recorded. Each event is stored once per message.',
  })
  @ApiOkResponse({ type: EmailFeedbackResultDto })
  @ApiUnauthorizedResponse({ description: 'Missing or wrong secret.' })
  async feedback(@Req() request: Request, @Body() body: EmailFeedbackDto) {
    this.authenticate(request);
    const results = [];
    for (const event of body.events) {
      const found = await this.apply(event);
      results.push({ messageId: event.messageId, status: found ? 'recorded' : 'unknown_message' });
    }
    return { results };
  }

  private authenticate(request: Request): void {
    if (!this.secret) throw new NotFoundException('The email feedback webhook is not configured');
    const presented = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1] ?? '';
    // Digests have one length whatever was presented, so the comparison leaks nothing.
    if (!timingSafeEqual(digest(presented), this.secret)) {
      throw new UnauthorizedException('Missing or wrong webhook secret');
    }
  }

  private async apply(event: EmailFeedback): Promise<boolean> {
    const properties = {
      ...('reason' in event && event.reason ? { reason: event.reason } : {}),
      ...(event.occurredAt ? { reportedAt: event.occurredAt } : {}),
    };
    if (event.type === 'delivered') return this.recorded(event.messageId, 'message.delivered', properties);
    if (event.type === 'bounced' && event.bounceType === 'soft') {
      return this.recorded(event.messageId, 'message.bounced', { ...properties, bounceType: 'soft' });
    }
    const bounce = event.type === 'bounced';
    const { found } = await this.consent.revoke(
      event.messageId,
      bounce ? 'message.bounced' : 'message.complained',
      bounce ? 'hard_bounce' : 'complaint',
      bounce ? { ...properties, bounceType: 'hard' } : properties,
      bounce ? 'hard_bounce' : 'complaint',
    );
    return found;
  }

  private async recorded(
    messageId: string,
    name: 'message.delivered' | 'message.bounced',
    properties: Record<string, unknown>,
  ): Promise<boolean> {
    try {
      await this.events.record(messageId, name, properties);
      return true;
    } catch (error) {
      if (error instanceof NotFoundException) return false;
      throw error;
    }
  }
}
