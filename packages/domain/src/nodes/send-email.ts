import { z } from 'zod';
import { renderTemplate } from '../templating/render-template';
import { validateTemplate } from '../templating/validate-template';
import { defineNode, type NodeConfigIssue } from './define-node';
import { failurePolicySchema, messageCategorySchema, sendOutcomeResult } from './message-node';

export const sendEmailConfigSchema = z.object({
  /** Liquid template of the subject line (RFC 5322 caps a line at 998 characters). */
  subject: z
    .string()
    .min(1)
    .max(998)
    .regex(/^[^\r\n]*$/, { error: 'The subject must be a single line' })
    .meta({ title: 'Subject' }),
  /** Liquid template of the plain-text body. */
  text: z.string().max(100_000).meta({ title: 'Text body' }),
  /** Liquid template of the HTML body; values are HTML-escaped when rendered. */
  html: z.string().max(200_000).optional().meta({ title: 'HTML body' }),
  category: messageCategorySchema,
  onFailure: failurePolicySchema,
});

export type SendEmailConfig = z.output<typeof sendEmailConfigSchema>;

const FIELD_LABELS = { subject: 'Subject', text: 'Text body', html: 'HTML body' } as const;

function templateIssues(config: SendEmailConfig): NodeConfigIssue[] {
  return (Object.keys(FIELD_LABELS) as (keyof typeof FIELD_LABELS)[]).flatMap((field) => {
    const source = config[field];
    if (source === undefined) return [];
    return validateTemplate(source).map((issue) => ({
      path: [field],
      message: `${FIELD_LABELS[field]}: template error at line ${issue.line}, column ${issue.column}: ${issue.message}`,
    }));
  });
}

export const sendEmailNode = defineNode({
  type: 'send.email',
  version: 1,
  title: 'Send email',
  description:
    'Sends a personalised email; subject and bodies are Liquid templates over the profile and event.',
  category: 'messages',
  kind: 'action',
  configSchema: sendEmailConfigSchema,
  defaultConfig: {
    subject: 'Hello {{ profile.firstName | default: "there" }}',
    text: 'Hello {{ profile.firstName | default: "there" }},\n',
    category: 'marketing',
    onFailure: 'continue',
  },
  ports: () => ['out'],
  validate: templateIssues,
  async execute(ctx, config) {
    const variables = await ctx.templateVariables();
    let message: { subject: string; text: string; html?: string };
    try {
      message = {
        subject: await renderTemplate(config.subject, variables),
        text: await renderTemplate(config.text, variables),
        html:
          config.html === undefined
            ? undefined
            : await renderTemplate(config.html, variables, { escape: 'html' }),
      };
    } catch (error) {
      // Validated at publish; what is left (e.g. a filter failing on this customer's data) is permanent.
      return sendOutcomeResult(
        { status: 'failed', reason: `template: ${(error as Error).message}` },
        config.onFailure,
      );
    }
    const outcome = await ctx.send({ channel: 'email', category: config.category, ...message });
    return sendOutcomeResult(outcome, config.onFailure);
  },
});
