import { z } from 'zod';
import { durationToMs } from '../journey/duration';

const MAX_MS = 365 * 86_400_000;

/** A duration of at most 365 days (timeouts, conversion windows); `what` names it in the error. */
export function boundedDurationSchema(what: string) {
  return z
    .object({
      amount: z.int().min(1).max(31_536_000),
      unit: z.enum(['seconds', 'minutes', 'hours', 'days']),
    })
    .refine((duration) => durationToMs(duration) <= MAX_MS, {
      path: ['amount'],
      error: `${what} cannot be longer than 365 days`,
    });
}
