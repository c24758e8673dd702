import { type OutgoingEmail } from '@parcours/domain';
import { classifySmtpFailure, type Mailer } from '../email/smtp-mailer';
import { type ChannelProvider, DeliveryError } from './channel-provider';

/** Email through the pooled SMTP transport. */
export function emailProvider(mailer: Mailer, from: string): ChannelProvider<OutgoingEmail> {
  return {
    channel: 'email',
    recipient: (profile) => profile.email,
    async deliver(message, { messageId, to }) {
      try {
        return await mailer.send({
          from,
          to,
          subject: message.subject,
          text: message.text,
          html: message.html,
          messageId: `<${messageId}@parcours>`,
        });
      } catch (error) {
        throw new DeliveryError(classifySmtpFailure(error), (error as Error).message);
      }
    },
  };
}
