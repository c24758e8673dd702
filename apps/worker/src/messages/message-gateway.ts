import {
  type OutgoingMessage,
  type PressureRules,
  pressureRulesSchema,
  type ProfileSnapshot,
  quietHoursEnd,
  type SendOutcome,
} from '@parcours/domain';
import { ApplicationFailure } from '@temporalio/activity';
import { type Pool } from 'pg';
import { type Channel, type LedgerKey, type MessageLedger } from '../persistence/message-ledger';
import { type ChannelProvider, DeliveryError } from './channel-provider';

export interface SendingStep {
  workspaceId: string;
  journeyId: string;
  nodeId: string;
  iteration: number;
  profileId: string;
  /** The activity's attempt at this step (1 the first time). */
  attempt: number;
}

/**
 * Attempts before a provider that keeps answering "try again later" is given up on and the send
 * recorded as failed: with the activity's backoff (1 s doubling, at most 5 min) about 18 minutes.
 */
export const DEFAULT_MAX_SEND_ATTEMPTS = 12;

/**
 * The one way a journey sends a message: consent, then pressure rules (quiet hours, frequency
 * caps across all scenarios), then the ledger claim, then the provider. Never sends without
 * granted consent, never twice for one step, never silently drops: every skip or deferral is
 * recorded.
 */
export class MessageGateway {
  private readonly providers = new Map<Channel, ChannelProvider>();

  constructor(
    private readonly pool: Pool,
    private readonly ledger: MessageLedger,
    providers: ChannelProvider[],
    private readonly maxAttempts = DEFAULT_MAX_SEND_ATTEMPTS,
  ) {
    for (const provider of providers) this.providers.set(provider.channel, provider);
  }

  async send(
    step: SendingStep,
    profile: ProfileSnapshot | null,
    message: OutgoingMessage,
    now: Date,
  ): Promise<SendOutcome> {
    const { attempt, ...where } = step;
    const key: LedgerKey = { ...where, channel: message.channel, category: message.category };
    const skip = async (reason: string): Promise<SendOutcome> => {
      await this.ledger.skip(key, reason);
      return { status: 'skipped', reason };
    };
    const provider = this.providers.get(message.channel);
    // A channel this deployment has not set up (no Twilio account, say): recorded like any other
    // message that cannot go out, and the journey goes on, rather than failing the whole journey.
    if (!provider) return skip(`no_${message.channel}_provider`);
    if (!profile) return skip('profile_deleted');
    const to = await provider.recipient(profile);
    if (!to) return skip(`no_${message.channel}_address`);
    if (profile.consents[message.channel]?.status !== 'granted') return skip(`no_${message.channel}_consent`);
    const suppression = await provider.suppressed?.(step.workspaceId, to);
    if (suppression) return skip(suppression);

    const rules = message.category === 'marketing' ? await this.pressureRules(step.workspaceId) : undefined;
    const limited = async (reason: string, until: Date): Promise<SendOutcome> => {
      if (rules?.whenLimited === 'skip') return skip(reason);
      await this.ledger.recordDeferral(key, reason, until);
      return { status: 'deferred', reason, until: until.toISOString() };
    };
    const quietUntil = rules?.quietHours && quietHoursEnd(rules.quietHours, now, profile.timezone);
    if (quietUntil) return limited('quiet_hours', quietUntil);

    const claim = await this.ledger.claim(key, to, now, rules?.caps ?? []);
    switch (claim.kind) {
      case 'refused':
        return { status: 'skipped', reason: 'journey_ended' };
      case 'capped':
        return limited('frequency_cap', claim.releaseAt);
      case 'done':
        return claim.status === 'sent'
          ? { status: 'sent' }
          : claim.status === 'skipped'
            ? { status: 'skipped', reason: 'already_skipped' }
            : { status: 'failed', reason: 'already_failed' };
      case 'in_doubt':
        if (claim.id) await this.ledger.markFailed(claim.id, 'in_doubt: an earlier attempt stopped mid-send');
        return { status: 'failed', reason: 'in_doubt' };
      case 'claimed':
        break;
    }

    try {
      const { providerMessageId } = await provider.deliver(message, {
        messageId: claim.id,
        to,
        journeyId: step.journeyId,
        workspaceId: step.workspaceId,
      });
      await this.ledger.markSent(claim.id, providerMessageId);
      return { status: 'sent', providerMessageId };
    } catch (error) {
      const failure = error instanceof DeliveryError ? error : new DeliveryError('in_doubt', String(error));
      if (failure.kind === 'retryable' && attempt < this.maxAttempts) {
        await this.ledger.release(claim.id);
        throw ApplicationFailure.create({
          message: failure.message,
          type: 'ProviderUnavailable',
          nextRetryDelay: failure.retryAfterMs,
        });
      }
      if (failure.kind === 'retryable') {
        await this.ledger.markFailed(claim.id, `unavailable after ${attempt} attempts: ${failure.message}`);
        return { status: 'failed', reason: 'provider_unavailable' };
      }
      await this.ledger.markFailed(claim.id, `${failure.kind}: ${failure.message}`);
      return { status: 'failed', reason: failure.kind };
    }
  }

  /** Read at each send, so a change of the rules applies to the very next message. */
  private async pressureRules(workspaceId: string): Promise<PressureRules> {
    const { rows } = await this.pool.query(`SELECT pressure_rules FROM workspaces WHERE id = $1`, [
      workspaceId,
    ]);
    return pressureRulesSchema.parse(rows[0]?.pressure_rules ?? {});
  }
}
