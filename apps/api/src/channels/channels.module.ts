import { Module } from '@nestjs/common';
import { EventsModule } from '../events/events.module';
import { IngestionKeyGuard } from '../events/ingestion-key.guard';
import { ProfilesModule } from '../profiles/profiles.module';
import { TrackingModule } from '../tracking/tracking.module';
import { ConsentChangesService } from './consent-changes.service';
import { VapidKeysController } from './push/vapid-keys.controller';
import { VapidKeysRepository } from './push/vapid-keys.repository';
import { SmsSegmentsController } from './sms-segments.controller';
import { InboundSmsUseCase } from './twilio/inbound-sms.usecase';
import { TwilioSignatureGuard } from './twilio/twilio-signature.guard';
import { TwilioWebhooksController } from './twilio/twilio-webhooks.controller';

/**
 * SMS and web push around the worker's sending: Twilio's signed webhooks (STOP/START keywords,
 * delivery statuses), SMS segment counts, each workspace's VAPID keys; customers' consent
 * decisions arriving through a channel.
 */
@Module({
  imports: [EventsModule, ProfilesModule, TrackingModule],
  controllers: [TwilioWebhooksController, VapidKeysController, SmsSegmentsController],
  providers: [
    ConsentChangesService,
    InboundSmsUseCase,
    TwilioSignatureGuard,
    VapidKeysRepository,
    IngestionKeyGuard,
  ],
  exports: [ConsentChangesService],
})
export class ChannelsModule {}
