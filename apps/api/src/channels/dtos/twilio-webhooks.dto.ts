import { e164PhoneSchema } from '@parcours/domain';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';

const messageSid = z
  .string()
  .regex(/^(SM|MM)[0-9a-fA-F]{32}$/, 'A Twilio message SID: SM or MM and 32 hexadecimal digits');

/** What Twilio posts when a customer texts the number (other fields are ignored). */
export const inboundSmsSchema = z.object({
  /** The customer's number; their profile is found by this phone identity. */
  From: e164PhoneSchema,
  To: z.string().max(40).optional(),
  Body: z.string().max(1_600).default(''),
  MessageSid: messageSid.optional(),
  /** Twilio's reading of the text when opt-out handling is on for the number. */
  OptOutType: z.enum(['STOP', 'START', 'HELP']).optional(),
});

export class InboundSmsDto extends createZodDto(inboundSmsSchema) {}
export class InboundSmsParams extends createZodDto(z.object({ workspaceId: z.uuid() })) {}

/** Twilio's delivery status report of a message it was given with a status callback. */
export const smsStatusSchema = z.object({
  MessageSid: messageSid,
  MessageStatus: z.enum([
    'accepted',
    'scheduled',
    'canceled',
    'queued',
    'sending',
    'sent',
    'failed',
    'delivered',
    'undelivered',
    'receiving',
    'received',
    'read',
    'partially_delivered',
  ]),
  ErrorCode: z
    .string()
    .regex(/^\d{1,10}$/)
    .optional(),
});

export class SmsStatusDto extends createZodDto(smsStatusSchema) {}
export class SmsStatusParams extends createZodDto(z.object({ messageId: z.uuid() })) {}

export class SmsSegmentsRequestDto extends createZodDto(
  z.object({ text: z.string().max(10_000).meta({ description: 'The text as it will be sent (rendered)' }) }),
) {}
