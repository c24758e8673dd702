import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { z } from 'zod';
import {
  renderMessageTemplate,
  type SmsTemplateContent,
  smsTemplateContentSchema,
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

/** Twilio refuses longer texts (about 10 concatenated segments). */
export const MAX_SMS_BODY_LENGTH = 1_600;

const ALPHANUMERIC_SENDER = /^(?=.*[A-Za-z])[A-Za-z0-9 ]{1,11}$/;

/**
 * A sender: an E.164 number (normalised) or an alphanumeric sender ID (1–11 letters, digits and
 * spaces, at least one letter; not accepted in every country).
 */
export const smsSenderSchema = z
  .string()
  .trim()
  .max(40)
  .transform((raw, ctx) => {
    if (ALPHANUMERIC_SENDER.test(raw)) return raw;
    const phone = parsePhoneNumberFromString(raw);
    if (raw.startsWith('+') && phone?.isValid()) return phone.number;
    ctx.addIssue({
      code: 'custom',
      message:
        'A sender is a phone number in international format (E.164, e.g. +33612345678) or an alphanumeric ID of 1 to 11 characters',
    });
    return z.NEVER;
  });

export const sendSmsConfigSchema = z.object({
  /** A saved SMS template; publishing pins its latest version. Or the inline text below. */
  template: templateReferenceSchema.optional().meta({ title: 'Template' }),
  /** Liquid template of the text; `countSmsSegments` / `POST /sms/segments` tell what it costs. */
  body: smsTemplateContentSchema.shape.body.optional().meta({ title: 'Message' }),
  /** Overrides the deployment's sender (TWILIO_FROM_NUMBER or Messaging Service). */
  from: smsSenderSchema.optional().meta({ title: 'Sender', description: 'E.164 number or alphanumeric ID' }),
  category: messageCategorySchema,
  onFailure: failurePolicySchema,
});

export type SendSmsConfig = z.output<typeof sendSmsConfigSchema>;

const inlineContent = (config: SendSmsConfig): SmsTemplateContent => ({
  channel: 'sms',
  body: config.body ?? '',
});

export const sendSmsNode = defineNode({
  type: 'send.sms',
  version: 1,
  title: 'Send SMS',
  description:
    "Sends a personalised text message to the customer's phone (SMS consent required), from a saved template or inline Liquid.",
  category: 'messages',
  icon: 'message',
  kind: 'action',
  configSchema: sendSmsConfigSchema,
  defaultConfig: {
    body: 'Hello {{ profile.firstName | default: "there" }}!',
    category: 'marketing',
    onFailure: 'continue',
  },
  ports: () => ['out'],
  validate: (config) => sendContentIssues(config, { body: 'Message' }, ['body'], () => inlineContent(config)),
  async execute(ctx, config) {
    const template = await sendContent(ctx, config.template, () => inlineContent(config));
    if (!template)
      return sendOutcomeResult({ status: 'failed', reason: 'template_not_found' }, config.onFailure);
    let body: string;
    try {
      const rendered = await renderMessageTemplate(template, await ctx.templateVariables());
      if (rendered.channel !== 'sms') throw new Error('not an SMS template');
      body = rendered.body;
    } catch (error) {
      // Validated at save and publish; what is left (a filter failing on this customer's data) is permanent.
      return sendOutcomeResult(
        { status: 'failed', reason: `template: ${(error as Error).message}` },
        config.onFailure,
      );
    }
    if (body.trim() === '')
      return sendOutcomeResult({ status: 'skipped', reason: 'empty_body' }, config.onFailure);
    if (body.length > MAX_SMS_BODY_LENGTH) {
      return sendOutcomeResult({ status: 'failed', reason: 'body_too_long' }, config.onFailure);
    }
    const outcome = await ctx.send({
      channel: 'sms',
      category: config.category,
      body,
      ...(config.from ? { from: config.from } : {}),
    });
    return sendOutcomeResult(outcome, config.onFailure);
  },
});
