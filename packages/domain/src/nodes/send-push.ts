import { z } from 'zod';
import {
  type PushTemplateContent,
  pushTemplateContentSchema,
  renderMessageTemplate,
  templateReferenceSchema,
} from '../templates/message-template';
import { defineNode, type NodeConfigIssue } from './define-node';
import {
  failurePolicySchema,
  messageCategorySchema,
  sendContent,
  sendContentIssues,
  sendOutcomeResult,
} from './message-node';

const inline = pushTemplateContentSchema.shape;

export const sendPushConfigSchema = z.object({
  /** A saved push template; publishing pins its latest version. Or the inline content below. */
  template: templateReferenceSchema.optional().meta({ title: 'Template' }),
  /** Liquid template of the notification's title. */
  title: inline.title.optional().meta({ title: 'Title' }),
  /** Liquid template of the notification's text. */
  body: inline.body.optional().meta({ title: 'Text' }),
  /** Liquid; an http(s) URL once rendered: the image shown with the notification. */
  icon: inline.icon.meta({ title: 'Icon URL' }),
  /** Liquid; an http(s) URL once rendered: the page a click opens. */
  url: inline.url.meta({ title: 'Link' }),
  category: messageCategorySchema,
  onFailure: failurePolicySchema,
});

export type SendPushConfig = z.output<typeof sendPushConfigSchema>;

const LABELS = { title: 'Title', body: 'Text', icon: 'Icon URL', url: 'Link' } as const;
const URL_FIELDS = ['icon', 'url'] as const;

function isWebUrl(value: string): boolean {
  try {
    return ['http:', 'https:'].includes(new URL(value).protocol);
  } catch {
    return false;
  }
}

const inlineContent = (config: SendPushConfig): PushTemplateContent => ({
  channel: 'push',
  title: config.title ?? '',
  body: config.body ?? '',
  ...(config.icon !== undefined ? { icon: config.icon } : {}),
  ...(config.url !== undefined ? { url: config.url } : {}),
});

/** A link without Liquid must already be an http(s) URL (one with Liquid is checked once rendered). */
function configIssues(config: SendPushConfig): NodeConfigIssue[] {
  const issues = sendContentIssues(config, LABELS, ['title', 'body'], () => inlineContent(config));
  for (const field of URL_FIELDS) {
    const value = config[field];
    if (value !== undefined && !/\{[{%]/.test(value) && !isWebUrl(value)) {
      issues.push({ path: [field], message: `${LABELS[field]}: an http(s) URL` });
    }
  }
  return issues;
}

export const sendPushNode = defineNode({
  type: 'send.push',
  version: 1,
  title: 'Send web push',
  description:
    'Sends a browser notification to every device the customer subscribed (push consent required), from a saved template or inline Liquid.',
  category: 'messages',
  icon: 'bell',
  kind: 'action',
  configSchema: sendPushConfigSchema,
  defaultConfig: {
    title: 'Hello {{ profile.firstName | default: "there" }}',
    body: 'Something new for you',
    category: 'marketing',
    onFailure: 'continue',
  },
  ports: () => ['out'],
  validate: configIssues,
  async execute(ctx, config) {
    const template = await sendContent(ctx, config.template, () => inlineContent(config));
    if (!template)
      return sendOutcomeResult({ status: 'failed', reason: 'template_not_found' }, config.onFailure);
    let message: { title: string; body: string; icon?: string; url?: string };
    try {
      const rendered = await renderMessageTemplate(template, await ctx.templateVariables());
      if (rendered.channel !== 'push') throw new Error('not a push template');
      for (const field of URL_FIELDS) {
        const value = rendered[field];
        if (value !== undefined && !isWebUrl(value))
          throw new Error(`${LABELS[field]} is not an http(s) URL`);
      }
      message = {
        title: rendered.title,
        body: rendered.body,
        ...(rendered.icon ? { icon: rendered.icon } : {}),
        ...(rendered.url ? { url: rendered.url } : {}),
      };
    } catch (error) {
      // Validated at save and publish; what is left (a filter failing on this customer's data) is permanent.
      return sendOutcomeResult(
        { status: 'failed', reason: `template: ${(error as Error).message}` },
        config.onFailure,
      );
    }
    const outcome = await ctx.send({ channel: 'push', category: config.category, ...message });
    return sendOutcomeResult(outcome, config.onFailure);
  },
});
