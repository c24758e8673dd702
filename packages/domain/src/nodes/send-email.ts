import { z } from 'zod';
import {
  emailTemplateContentSchema,
  type EmailTemplateContent,
  renderMessageTemplate,
  templateReferenceSchema,
} from '../templates/message-template';
import { defineNode } from './define-node';
import {
  failurePolicySchema,
  messageCategorySchema,
  sendContent,
  sendContentIssues,
  sendOutcomeResult,
} from './message-node';
import { type OutgoingEmail } from './node-execution';

const inline = emailTemplateContentSchema.shape;

export const sendEmailConfigSchema = z.object({
  /** A saved email template; publishing pins its latest version. Or inline content below. */
  template: templateReferenceSchema.optional().meta({ title: 'Template' }),
  subject: inline.subject.optional().meta({ title: 'Subject' }),
  preheader: inline.preheader.meta({ title: 'Preheader' }),
  /** Liquid template of the plain-text body; generated from the HTML when absent. */
  text: inline.text.meta({ title: 'Text body' }),
  /** Liquid template of the HTML body; values are HTML-escaped when rendered. */
  html: inline.html.meta({ title: 'HTML body' }),
  fromName: inline.fromName.meta({ title: 'From name' }),
  fromEmail: inline.fromEmail.meta({ title: 'From address' }),
  replyTo: inline.replyTo.meta({ title: 'Reply-to address' }),
  category: messageCategorySchema,
  onFailure: failurePolicySchema,
});

export type SendEmailConfig = z.output<typeof sendEmailConfigSchema>;

const FIELD_LABELS: Record<string, string> = {
  subject: 'Subject',
  preheader: 'Preheader',
  text: 'Text body',
  html: 'HTML body',
};

function inlineContent(config: SendEmailConfig): EmailTemplateContent {
  return {
    channel: 'email',
    subject: config.subject ?? '',
    preheader: config.preheader,
    text: config.text,
    html: config.html,
    fromName: config.fromName,
    fromEmail: config.fromEmail,
    replyTo: config.replyTo,
  };
}

export const sendEmailNode = defineNode({
  type: 'send.email',
  version: 1,
  title: 'Send email',
  description:
    'Sends a personalised email from a saved template or inline Liquid content over the profile and event.',
  category: 'messages',
  icon: 'mail',
  kind: 'action',
  configSchema: sendEmailConfigSchema,
  defaultConfig: {
    subject: 'Hello {{ profile.firstName | default: "there" }}',
    text: 'Hello {{ profile.firstName | default: "there" }},\n',
    category: 'marketing',
    onFailure: 'continue',
  },
  ports: () => ['out'],
  validate: (config) => sendContentIssues(config, FIELD_LABELS, ['subject'], () => inlineContent(config)),
  async execute(ctx, config) {
    const template = await sendContent(ctx, config.template, () => inlineContent(config));
    if (!template) {
      return sendOutcomeResult({ status: 'failed', reason: 'template_not_found' }, config.onFailure);
    }
    const { content } = template;
    let message: OutgoingEmail;
    try {
      const rendered = await renderMessageTemplate(template, await ctx.templateVariables());
      if (rendered.channel !== 'email' || content.channel !== 'email') throw new Error('not an email');
      message = {
        channel: 'email',
        category: config.category,
        subject: rendered.subject,
        ...(rendered.preheader ? { preheader: rendered.preheader } : {}),
        ...(rendered.text !== undefined ? { text: rendered.text } : {}),
        ...(rendered.html !== undefined ? { html: rendered.html } : {}),
        ...(content.fromName ? { fromName: content.fromName } : {}),
        ...(content.fromEmail ? { fromEmail: content.fromEmail } : {}),
        ...(content.replyTo ? { replyTo: content.replyTo } : {}),
      };
    } catch (error) {
      // Validated at save and publish; what is left (a filter failing on this customer's data) is permanent.
      return sendOutcomeResult(
        { status: 'failed', reason: `template: ${(error as Error).message}` },
        config.onFailure,
      );
    }
    return sendOutcomeResult(await ctx.send(message), config.onFailure);
  },
});
