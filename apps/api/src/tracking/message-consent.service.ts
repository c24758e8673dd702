import { Injectable } from '@nestjs/common';
import { type ConsentChannel, type MessageEventName } from '@parcours/domain';
import { DataSource } from 'typeorm';
import { ProfileWriter } from '../profiles/profile-writer.service';
import { DeliveryEventsService } from './delivery-events.service';

export type SuppressionReason = 'hard_bounce' | 'complaint';

export interface ConsentOutcome {
  /** The message exists. */
  found: boolean;
  /** Consent was granted and is now revoked. */
  revoked: boolean;
}

/**
 * What a message's recipient says "no more" with: an unsubscribe link, a hard bounce, a spam
 * complaint. In one transaction: the message's event, the channel's consent revoked with its
 * source (and a `consent.revoked` event, which `unsubscribed` exit criteria listen for), and for
 * bounces and complaints the address on the workspace's suppression list, so no later consent
 * change mails it again.
 */
@Injectable()
export class MessageConsent {
  constructor(
    private readonly dataSource: DataSource,
    private readonly writer: ProfileWriter,
    private readonly events: DeliveryEventsService,
  ) {}

  async revoke(
    messageId: string,
    event: MessageEventName,
    source: string,
    properties: Record<string, unknown> = {},
    suppression?: SuppressionReason,
  ): Promise<ConsentOutcome> {
    return this.dataSource.transaction(async (manager) => {
      const [message]: {
        workspace_id: string;
        profile_id: string;
        channel: string;
        recipient: string | null;
      }[] = await manager.query(
        `SELECT workspace_id, profile_id, channel, recipient FROM message_ledger WHERE id = $1`,
        [messageId],
      );
      if (!message) return { found: false, revoked: false };
      await this.events.record(messageId, event, properties, manager);
      const change = await this.writer.changeConsent(manager, message.workspace_id, message.profile_id, {
        channel: message.channel as ConsentChannel,
        status: 'revoked',
        source,
      });
      // On the message's timeline (with its id), where `unsubscribed` exit criteria hear it.
      if (change.changed) {
        await this.events.record(messageId, 'consent.revoked', { channel: message.channel, source }, manager);
      }
      const address =
        message.recipient ??
        (await manager.query(`SELECT email FROM profiles WHERE id = $1`, [message.profile_id]))[0]?.email;
      if (suppression && message.channel === 'email' && address) {
        await manager.query(
          `INSERT INTO email_suppressions (workspace_id, address_hash, reason, detail)
           VALUES ($1, parcours_address_hash($2), $3, $4) ON CONFLICT DO NOTHING`,
          [message.workspace_id, address, suppression, `${source} (message ${messageId})`],
        );
      }
      return { found: true, revoked: change.changed && change.previous === 'granted' };
    });
  }
}
