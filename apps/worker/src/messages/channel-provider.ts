import { type OutgoingMessage, type ProfileSnapshot } from '@parcours/domain';
import { type Channel } from '../persistence/message-ledger';

/**
 * What a provider failure means for the message: refused for good (never retry), refused before
 * taking it (safe to retry, after `retryAfterMs` when the provider said so), or broken off while
 * in flight (it may have gone out: never send again).
 */
export class DeliveryError extends Error {
  constructor(
    readonly kind: 'permanent' | 'retryable' | 'in_doubt',
    message: string,
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'DeliveryError';
  }
}

export interface Delivery {
  /** The ledger row id: stable per journey step, so a provider or a reader can spot a duplicate. */
  messageId: string;
  to: string;
  journeyId: string;
  workspaceId: string;
}

/** One channel's provider (SMTP, Twilio, Web Push). Throws `DeliveryError` when it fails. */
export interface ChannelProvider<M extends OutgoingMessage = OutgoingMessage> {
  readonly channel: Channel;
  /** Where this customer receives the channel's messages, or null when nowhere (may look it up). */
  recipient(profile: ProfileSnapshot): string | null | Promise<string | null>;
  /** Why this address must not get messages (a hard bounce, a complaint), or null. */
  suppressed?(workspaceId: string, address: string): Promise<string | null>;
  deliver(message: M, delivery: Delivery): Promise<{ providerMessageId: string }>;
}
