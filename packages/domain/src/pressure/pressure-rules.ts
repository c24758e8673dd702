import { DateTime, IANAZone } from 'luxon';
import { z } from 'zod';
import { consentChannelSchema } from '../profiles/profile-traits';

export const timeOfDaySchema = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: 'A time of day is HH:MM, 00:00 to 23:59' });
export const ianaTimezoneSchema = z
  .string()
  .max(100)
  .refine((zone) => IANAZone.isValidZone(zone), { error: 'Unknown IANA timezone (e.g. Europe/Paris)' });

export const frequencyCapSchema = z.object({
  channel: consentChannelSchema,
  /** At most this many marketing messages… */
  max: z.int().min(1).max(1000),
  /** …in any rolling window of this length. */
  per: z.enum(['day', 'week']),
});

/**
 * Workspace-wide marketing pressure, across all scenarios: frequency caps per channel and quiet
 * hours in the customer's timezone. Transactional messages are exempt.
 */
export const pressureRulesSchema = z
  .object({
    caps: z.array(frequencyCapSchema).max(12).default([]),
    quietHours: z
      .object({
        /** Local time the quiet period starts, e.g. 21:00 … */
        start: timeOfDaySchema,
        /** … and ends, e.g. 08:00 (the next morning when earlier than start). */
        end: timeOfDaySchema,
        /** For customers whose timezone is unknown. */
        defaultTimezone: ianaTimezoneSchema.default('UTC'),
      })
      .refine((q) => q.start !== q.end, {
        path: ['end'],
        error: 'Quiet hours must not start and end at the same time',
      })
      .optional(),
    /** What a message held back by a rule becomes: sent at the first allowed moment, or not at all. */
    whenLimited: z.enum(['defer', 'skip']).default('defer'),
  })
  .strict();

export type PressureRules = z.output<typeof pressureRulesSchema>;
export type FrequencyCap = z.output<typeof frequencyCapSchema>;

export const CAP_WINDOW_MS: Record<FrequencyCap['per'], number> = { day: 86_400_000, week: 7 * 86_400_000 };

/**
 * The end of the quiet period `at` falls in, or `null` when `at` is outside quiet hours. Computed
 * in the customer's timezone (DST-aware: 08:00 local is 08:00 on both sides of a change).
 */
export function quietHoursEnd(
  quietHours: NonNullable<PressureRules['quietHours']>,
  at: Date,
  timezone: string | null,
): Date | null {
  const zone = timezone && IANAZone.isValidZone(timezone) ? timezone : quietHours.defaultTimezone;
  const local = DateTime.fromJSDate(at, { zone });
  const minutes = local.hour * 60 + local.minute;
  const [start, end] = [quietHours.start, quietHours.end].map(
    (t) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3)),
  );
  const quiet = start < end ? minutes >= start && minutes < end : minutes >= start || minutes < end;
  if (!quiet) return null;
  const endToday = local.set({ hour: Math.floor(end / 60), minute: end % 60, second: 0, millisecond: 0 });
  return (endToday > local ? endToday : endToday.plus({ days: 1 })).toJSDate();
}

/**
 * When a capped send may go: `null` if the customer is under every cap, else the moment the oldest
 * send in the binding window leaves it. `recentSends` are the customer's marketing sends on the
 * channel (any scenario) within the longest window, newest or oldest first.
 */
export function capReleaseAt(
  caps: readonly FrequencyCap[],
  channel: string,
  recentSends: readonly Date[],
  now: Date,
): Date | null {
  let release: number | null = null;
  for (const cap of caps) {
    if (cap.channel !== channel) continue;
    const windowMs = CAP_WINDOW_MS[cap.per];
    const inWindow = recentSends
      .map((d) => d.getTime())
      .filter((t) => t > now.getTime() - windowMs)
      .sort((a, b) => b - a);
    if (inWindow.length < cap.max) continue;
    // The cap frees a slot when the max-th most recent send leaves the window.
    const freesAt = inWindow[cap.max - 1] + windowMs;
    release = Math.max(release ?? 0, freesAt);
  }
  return release === null ? null : new Date(release);
}
