import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';

/** The ledger id, bare or as the Message-ID / X-Parcours-Message-Id the email carried (`<id@parcours>`). */
const messageId = z
  .string()
  .trim()
  .max(200)
  .transform((value) => /^<?([0-9a-f-]{36})(@parcours)?>?$/i.exec(value)?.[1]?.toLowerCase() ?? value)
  .pipe(z.uuid({ error: 'The message id Parcours gave the email (X-Parcours-Message-Id)' }));

const feedback = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('delivered'), messageId, occurredAt: z.iso.datetime().optional() }),
  z.strictObject({
    type: z.literal('bounced'),
    messageId,
    /** Hard: the address does not exist (suppressed); soft: a full mailbox, a server down (recorded only). */
    bounceType: z.enum(['hard', 'soft']),
    reason: z.string().max(1_000).optional(),
    occurredAt: z.iso.datetime().optional(),
  }),
  z.strictObject({
    type: z.literal('complained'),
    messageId,
    reason: z.string().max(1_000).optional(),
    occurredAt: z.iso.datetime().optional(),
  }),
]);
export type EmailFeedback = z.output<typeof feedback>;

export const MAX_FEEDBACK_EVENTS = 500;

export class EmailFeedbackDto extends createZodDto(
  z.strictObject({ events: z.array(feedback).min(1).max(MAX_FEEDBACK_EVENTS) }),
) {}

export class EmailFeedbackResultDto extends createZodDto(
  z.object({
    results: z.array(
      z.object({
        messageId: z.string(),
        status: z.enum(['recorded', 'unknown_message']),
      }),
    ),
  }),
) {}
