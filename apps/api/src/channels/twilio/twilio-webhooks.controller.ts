import { Body, Controller, Header, HttpCode, Logger, Param, Post, UseGuards } from '@nestjs/common';
import { ApiForbiddenResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { TWILIO_INBOUND_ROUTE, TWILIO_STATUS_ROUTE } from '@parcours/domain';
import twilio from 'twilio';
import { DeliveryEventsService } from '../../tracking/delivery-events.service';
import { InboundSmsDto, InboundSmsParams, SmsStatusDto, SmsStatusParams } from '../dtos/twilio-webhooks.dto';
import { InboundSmsUseCase } from './inbound-sms.usecase';
import { TwilioSignatureGuard } from './twilio-signature.guard';

/** Twilio reads the answer to a webhook as TwiML: an empty response does nothing more. */
const EMPTY_TWIML = new twilio.twiml.MessagingResponse().toString();

/** Statuses that end a message's delivery, as delivery events on the customer's timeline. */
const DELIVERY_EVENTS = {
  delivered: 'message.delivered',
  failed: 'message.failed',
  undelivered: 'message.failed',
} as const;

/** What Twilio calls: customers' texts to the number and delivery status reports, both signed. */
@ApiTags('channels')
@ApiForbiddenResponse({
  description: 'Missing or invalid X-Twilio-Signature, or Twilio webhooks not configured',
})
@UseGuards(TwilioSignatureGuard)
@Controller()
export class TwilioWebhooksController {
  private readonly logger = new Logger(TwilioWebhooksController.name);

  constructor(
    private readonly inbound: InboundSmsUseCase,
    private readonly deliveryEvents: DeliveryEventsService,
  ) {}

  @Post(`${TWILIO_INBOUND_ROUTE}/:workspaceId`)
  @HttpCode(200)
  @Header('Content-Type', 'text/xml; charset=utf-8')
  @ApiOperation({
    summary: "A customer's text to the workspace's Twilio number (set as the number's messaging webhook)",
    description:
      'STOP, STOPALL, UNSUBSCRIBE, CANCEL, END, QUIT revoke the SMS consent of the profile whose phone is the sender; ' +
      "START, YES, UNSTOP grant it again (Twilio's OptOutType wins when present). Answers empty TwiML.",
  })
  @ApiOkResponse({ description: 'Empty TwiML <Response/>' })
  async receive(@Param() { workspaceId }: InboundSmsParams, @Body() body: InboundSmsDto): Promise<string> {
    const outcome = await this.inbound.execute(workspaceId, {
      from: body.From,
      body: body.Body,
      optOutType: body.OptOutType,
    });
    if (outcome.kind === 'consent') {
      this.logger.log(
        `SMS consent ${outcome.status} (${outcome.result}) by keyword, workspace ${workspaceId}`,
      );
    }
    return EMPTY_TWIML;
  }

  @Post(`${TWILIO_STATUS_ROUTE}/:messageId`)
  @HttpCode(200)
  @Header('Content-Type', 'text/xml; charset=utf-8')
  @ApiOperation({
    summary: "Twilio's delivery status report of a message (the status callback each send carries)",
    description:
      "delivered → message.delivered, failed / undelivered → message.failed (with Twilio's error code) on the " +
      "customer's timeline, once per message; other statuses change nothing.",
  })
  @ApiOkResponse({ description: 'Empty TwiML <Response/>' })
  async status(@Param() { messageId }: SmsStatusParams, @Body() body: SmsStatusDto): Promise<string> {
    const name = DELIVERY_EVENTS[body.MessageStatus as keyof typeof DELIVERY_EVENTS];
    if (name) {
      await this.deliveryEvents.record(messageId, name, {
        provider: 'twilio',
        providerMessageId: body.MessageSid,
        status: body.MessageStatus,
        ...(body.ErrorCode ? { errorCode: body.ErrorCode } : {}),
      });
    }
    return EMPTY_TWIML;
  }
}
