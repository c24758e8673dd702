// Message templates: one entity per message (channel, name), each save an immutable version that
// scenarios pin when they are published. The body's shape depends on the channel.
import { z } from 'zod';
import { MAX_TEMPLATE_LENGTH } from '../templating/engine';
import { renderTemplate } from '../templating/render-template';
import { validateTemplate } from '../templating/validate-template';

export const MESSAGE_CHANNELS = ['email', 'sms', 'push'] as const;
export type MessageChannel = (typeof MESSAGE_CHANNELS)[number];

const singleLine = (max: number) =>
  z
    .string()
    .max(max)
    .regex(/^[^\r\n]*$/, { error: 'Must be a single line' });

/** A display name that cannot break out of an address header (no quotes, brackets or line breaks). */
export const senderNameSchema = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .regex(/^[^\r\n"<>\\]*$/, { error: 'A sender name cannot contain quotes, angle brackets or line breaks' });
export const senderAddressSchema = z.string().trim().max(320).pipe(z.email());

/** Who an email says it is from, per workspace (overridable per template). */
export const emailSenderSchema = z.strictObject({
  fromName: senderNameSchema.optional(),
  fromEmail: senderAddressSchema.optional(),
  replyTo: senderAddressSchema.optional(),
});
export type EmailSender = z.output<typeof emailSenderSchema>;

export const emailTemplateContentSchema = z.strictObject({
  channel: z.literal('email'),
  /** Liquid; RFC 5322 caps a header line at 998 characters. */
  subject: singleLine(998).min(1),
  /** Liquid; the preview line inboxes show after the subject (hidden in the body). */
  preheader: singleLine(500).optional(),
  /** Liquid HTML body; values are HTML-escaped when rendered (`| raw` to opt out). */
  html: z.string().max(MAX_TEMPLATE_LENGTH).optional(),
  /** Or an MJML body, compiled to responsive HTML when the template is saved. */
  mjml: z.string().max(MAX_TEMPLATE_LENGTH).optional(),
  /** Liquid plain-text part; generated from the HTML when absent. */
  text: z.string().max(100_000).optional(),
  ...emailSenderSchema.shape,
});

export const smsTemplateContentSchema = z.strictObject({
  channel: z.literal('sms'),
  /** Liquid; 1 600 characters is the most carriers concatenate (10 segments). */
  body: z.string().min(1).max(1_600),
});

export const pushTemplateContentSchema = z.strictObject({
  channel: z.literal('push'),
  title: singleLine(200).min(1),
  body: z.string().min(1).max(1_000),
  /** Liquid; an https URL once rendered. */
  icon: singleLine(2_000).optional(),
  url: singleLine(2_000).optional(),
});

export const messageTemplateContentSchema = z.discriminatedUnion('channel', [
  emailTemplateContentSchema,
  smsTemplateContentSchema,
  pushTemplateContentSchema,
]);
export type EmailTemplateContent = z.output<typeof emailTemplateContentSchema>;
export type SmsTemplateContent = z.output<typeof smsTemplateContentSchema>;
export type PushTemplateContent = z.output<typeof pushTemplateContentSchema>;
export type MessageTemplateContent = z.output<typeof messageTemplateContentSchema>;

/** A send node's pointer to a template; publishing sets `version` to the latest one. */
export const templateReferenceSchema = z.strictObject({
  id: z.uuid(),
  version: z.number().int().min(1).optional(),
});
export type TemplateReference = z.output<typeof templateReferenceSchema>;

/** One immutable version as senders use it: the source, and the HTML its MJML compiled to. */
export interface PinnedTemplate {
  templateId: string;
  version: number;
  content: MessageTemplateContent;
  /** The compiled MJML (still Liquid) of an email written in MJML. */
  compiledHtml?: string;
}

export interface ContentIssue {
  path: (string | number)[];
  message: string;
}

/** Fields of each channel that are Liquid templates. */
const LIQUID_FIELDS: Record<MessageChannel, readonly string[]> = {
  email: ['subject', 'preheader', 'html', 'mjml', 'text'],
  sms: ['body'],
  push: ['title', 'body', 'icon', 'url'],
};

/**
 * What the schema cannot say: Liquid syntax errors and unknown variables in every field (with
 * line and column), and an email needs exactly one body source (html, mjml) or a text part.
 */
export function messageTemplateIssues(content: MessageTemplateContent): ContentIssue[] {
  const issues: ContentIssue[] = [];
  const fields = content as unknown as Record<string, unknown>;
  for (const field of LIQUID_FIELDS[content.channel]) {
    const source = fields[field];
    if (typeof source !== 'string') continue;
    for (const issue of validateTemplate(source)) {
      issues.push({
        path: [field],
        message: `line ${issue.line}, column ${issue.column}: ${issue.message}`,
      });
    }
  }
  if (content.channel === 'email') {
    if (content.html !== undefined && content.mjml !== undefined) {
      issues.push({ path: ['mjml'], message: 'Give the body as html or as mjml, not both' });
    }
    if (content.html === undefined && content.mjml === undefined && content.text === undefined) {
      issues.push({ path: ['html'], message: 'An email needs an html or mjml body, or a text part' });
    }
  }
  return issues;
}

export type RenderedMessage =
  | { channel: 'email'; subject: string; preheader?: string; html?: string; text?: string }
  | { channel: 'sms'; body: string }
  | { channel: 'push'; title: string; body: string; icon?: string; url?: string };

async function optional(
  source: string | undefined,
  variables: Record<string, unknown>,
  escape: 'html' | 'none' = 'none',
): Promise<string | undefined> {
  return source === undefined ? undefined : renderTemplate(source, variables, { escape });
}

/**
 * Renders a template for one customer. HTML bodies escape every value; subjects, text, SMS and
 * push are plain text. Rejects with a `TemplateError` (line, column) when a field fails.
 */
export async function renderMessageTemplate(
  template: Pick<PinnedTemplate, 'content' | 'compiledHtml'>,
  variables: Record<string, unknown>,
): Promise<RenderedMessage> {
  const { content } = template;
  switch (content.channel) {
    case 'email': {
      const html = template.compiledHtml ?? content.html;
      return {
        channel: 'email',
        subject: await renderTemplate(content.subject, variables),
        preheader: await optional(content.preheader, variables),
        html: await optional(html, variables, 'html'),
        text: await optional(content.text, variables),
      };
    }
    case 'sms':
      return { channel: 'sms', body: await renderTemplate(content.body, variables) };
    case 'push':
      return {
        channel: 'push',
        title: await renderTemplate(content.title, variables),
        body: await renderTemplate(content.body, variables),
        icon: await optional(content.icon, variables, 'none'),
        url: await optional(content.url, variables, 'none'),
      };
  }
}

/** The channel of each send node type (the templates it may use are of that channel). */
export const SEND_NODE_CHANNELS: Readonly<Record<string, MessageChannel>> = {
  'send.email': 'email',
  'send.sms': 'sms',
  'send.push': 'push',
};

export interface TemplateUse {
  /** Index of the node in the graph's `nodes`. */
  index: number;
  nodeId: string;
  channel: MessageChannel;
  reference: TemplateReference;
}

/** The send nodes of a graph that use a saved template (`config.template.id`). */
export function templateUsesOf(
  nodes: readonly { id: string; type: string; config?: unknown }[],
): TemplateUse[] {
  return nodes.flatMap((node, index) => {
    const channel = SEND_NODE_CHANNELS[node.type];
    const parsed = templateReferenceSchema.safeParse(
      (node.config as { template?: unknown } | undefined)?.template,
    );
    return channel && parsed.success ? [{ index, nodeId: node.id, channel, reference: parsed.data }] : [];
  });
}
