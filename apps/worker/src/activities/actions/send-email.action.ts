import { renderTemplate, type SendEmailConfig } from '@parcours/domain';
import { ApplicationFailure } from '@temporalio/activity';
import { classifySmtpFailure } from '../../email/smtp-mailer';
import { type LedgerKey } from '../../persistence/message-ledger';
import { profileView } from '../../persistence/profile-store';
import { type ActionHandler } from './action-handler';

/**
 * `send.email`: checks consent, claims the ledger row, renders the Liquid templates for this
 * customer and hands the message to SMTP. Never sends without granted email consent, never twice.
 */
export const sendEmailAction: ActionHandler = async ({ context, step }, deps) => {
  const config = step.config as unknown as SendEmailConfig;
  const key: LedgerKey = {
    workspaceId: context.workspaceId,
    journeyId: context.journeyId,
    nodeId: step.id,
    profileId: context.profileId,
    channel: 'email',
  };
  const profile = await deps.profiles.load(context.profileId);
  const refusal = !profile
    ? 'profile_deleted'
    : !profile.email
      ? 'no_email_address'
      : profile.consents.email?.status !== 'granted'
        ? 'no_email_consent'
        : null;
  if (refusal || !profile?.email) {
    await deps.ledger.skip(key, refusal ?? 'no_email_address');
    return { port: 'out', outcome: `skipped:${refusal}` };
  }

  const claim = await deps.ledger.claim(key, profile.email);
  if (claim.kind === 'refused') return { port: 'out', outcome: 'skipped:journey_ended' };
  if (claim.kind === 'done') return { port: 'out', outcome: claim.status };
  if (claim.kind === 'in_doubt') {
    await deps.ledger.markFailed(claim.id, 'in_doubt: an earlier attempt stopped mid-send');
    return { port: 'out', outcome: 'failed:in_doubt' };
  }

  const variables = {
    profile: profileView(profile),
    event: context.triggerEvent?.properties ?? {},
    journey: {},
  };
  let rendered: { subject: string; text: string; html?: string };
  try {
    rendered = {
      subject: await renderTemplate(config.subject, variables),
      text: await renderTemplate(config.text, variables),
      html:
        config.html === undefined
          ? undefined
          : await renderTemplate(config.html, variables, { escape: 'html' }),
    };
  } catch (error) {
    await deps.ledger.markFailed(claim.id, `template: ${(error as Error).message}`);
    return { port: 'out', outcome: 'failed:template' };
  }

  try {
    const { providerMessageId } = await deps.mailer.send({
      from: deps.emailFrom,
      to: profile.email,
      ...rendered,
      messageId: `<${context.journeyId}.${step.id}@parcours>`,
    });
    await deps.ledger.markSent(claim.id, providerMessageId);
    return { port: 'out', outcome: 'sent' };
  } catch (error) {
    const failure = classifySmtpFailure(error);
    const reason = `${failure}: ${(error as Error).message}`;
    if (failure === 'retryable') {
      await deps.ledger.release(claim.id);
      throw ApplicationFailure.retryable(reason, 'SmtpUnavailable');
    }
    await deps.ledger.markFailed(claim.id, reason);
    return { port: 'out', outcome: `failed:${failure}` };
  }
};
