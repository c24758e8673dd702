import { Module } from '@nestjs/common';
import { ProfilesModule } from '../profiles/profiles.module';
import { DeliveryEventsService } from './delivery-events.service';
import { EmailWebhookController } from './email-webhook.controller';
import { MessageConsent } from './message-consent.service';
import { TrackingController } from './tracking.controller';
import { TrackingTokens } from './tracking-tokens';

/**
 * Delivery feedback: what becomes of each message (provider callbacks, opens, clicks,
 * unsubscribes, bounces, complaints) stored as events on the customer's timeline; the public
 * tracking and unsubscribe links; the email feedback webhook and the suppression list.
 */
@Module({
  imports: [ProfilesModule],
  controllers: [TrackingController, EmailWebhookController],
  providers: [DeliveryEventsService, TrackingTokens, MessageConsent],
  exports: [DeliveryEventsService, MessageConsent],
})
export class TrackingModule {}
