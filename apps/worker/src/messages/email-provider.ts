import { type OutgoingEmail } from '@parcours/domain';
import { type CompositionOptions, composeEmail, type SenderIdentity } from '../email/compose-email';
import { classifySmtpFailure, type Mailer } from '../email/smtp-mailer';
import { type EmailStore } from '../persistence/email-store';
import { type ChannelProvider, DeliveryError } from './channel-provider';

export interface EmailSettings extends CompositionOptions {
  /** `EMAIL_FROM`: the sender when neither the message nor the workspace names one. */
  defaultFrom: string;
  defaultReplyTo?: string;
}

/** `Name <address>` → its parts (a bare address has no name). */
function parseMailbox(mailbox: string): { name?: string; address: string } {
  const match = /^\s*"?([^"<]*?)"?\s*<([^>]+)>\s*$/.exec(mailbox);
  return match ? { name: match[1] || undefined, address: match[2] } : { address: mailbox.trim() };
}

function mailbox(name: string | undefined, address: string): string {
  // Names are validated (no quotes, brackets or line breaks); quoting keeps commas and dots literal.
  return name ? `"${name}" <${address}>` : address;
}

/**
 * The sender an email goes out with: the message's (template's) own fields first, then the
 * workspace's identity, then the deployment's `EMAIL_FROM` / `EMAIL_REPLY_TO`.
 */
export async function senderFor(
  message: OutgoingEmail,
  workspaceId: string,
  store: EmailStore,
  settings: Pick<EmailSettings, 'defaultFrom' | 'defaultReplyTo'>,
): Promise<SenderIdentity> {
  const workspace = await store.sender(workspaceId);
  const fallback = parseMailbox(settings.defaultFrom);
  const address = message.fromEmail ?? workspace.fromEmail ?? fallback.address;
  const name = message.fromName ?? workspace.fromName ?? fallback.name;
  const replyTo = message.replyTo ?? workspace.replyTo ?? settings.defaultReplyTo;
  return { from: mailbox(name, address), ...(replyTo ? { replyTo } : {}) };
}

/** Email through the pooled SMTP transport, composed with tracking and unsubscribe links. */
export function emailProvider(
  mailer: Mailer,
  store: EmailStore,
  settings: EmailSettings,
): ChannelProvider<OutgoingEmail> {
  return {
    channel: 'email',
    recipient: (profile) => profile.email,
    suppressed: async (workspaceId, address) => {
      const reason = await store.suppression(workspaceId, address);
      return reason ? `suppressed:${reason}` : null;
    },
    async deliver(message, { messageId, to, workspaceId }) {
      let email;
      try {
        const sender = await senderFor(message, workspaceId, store, settings);
        email = composeEmail(message, { messageId, to }, sender, settings);
      } catch (error) {
        // Nothing was handed over yet: another attempt may well succeed.
        throw new DeliveryError('retryable', `Preparing the email failed: ${(error as Error).message}`);
      }
      try {
        return await mailer.send(email);
      } catch (error) {
        throw new DeliveryError(classifySmtpFailure(error), (error as Error).message);
      }
    },
  };
}
