import { DateTime, IANAZone } from 'luxon';
import { z } from 'zod';
import { ianaTimezoneSchema, timeOfDaySchema } from '../pressure/pressure-rules';
import { defineNode } from './define-node';

const ALL_WEEKDAYS = [1, 2, 3, 4, 5, 6, 7];

const minutesOf = (time: string): number => Number(time.slice(0, 2)) * 60 + Number(time.slice(3));

export const waitUntilConfigSchema = z.object({
  until: z.discriminatedUnion('kind', [
    z
      .object({
        kind: z.literal('date'),
        /** An instant, with its offset: the same moment for every customer. */
        at: z.iso.datetime({
          offset: true,
          error: 'A date-time with its offset, e.g. 2026-12-24T09:00:00+01:00',
        }),
      })
      .meta({ title: 'A date and time' }),
    z
      .object({
        kind: z.literal('window'),
        /** Local time in the customer's timezone, e.g. 09:00 … */
        start: timeOfDaySchema.meta({ title: 'From' }),
        /** … to 12:00 (later than `start`, the same day). */
        end: timeOfDaySchema.meta({ title: 'To' }),
        /** ISO weekdays: 1 = Monday … 7 = Sunday. */
        weekdays: z
          .array(z.int().min(1).max(7))
          .min(1, { error: 'Allow at least one weekday' })
          .max(7)
          .refine((days) => new Set(days).size === days.length, { error: 'A weekday is listed twice' })
          .default(ALL_WEEKDAYS)
          .meta({ title: 'On', description: '1 = Monday … 7 = Sunday' }),
      })
      .refine((window) => minutesOf(window.start) < minutesOf(window.end), {
        path: ['end'],
        error: 'The window must end after it starts, the same day',
      })
      .meta({ title: 'The next time window in the customer’s timezone' }),
  ]),
  /** For customers whose profile has no (valid) timezone. */
  fallbackTimezone: ianaTimezoneSchema.default('UTC').meta({ title: 'Timezone when unknown' }),
});

export type WaitUntilConfig = z.output<typeof waitUntilConfigSchema>;

/**
 * When a customer reaching the step at `now` goes on: at the date (at once if it is past), or
 * now if inside an allowed window, else at the start of the next one, in the customer's timezone
 * (DST-aware: 09:00 local is 09:00 local on both sides of a change).
 */
export function waitUntilResumeAt(config: WaitUntilConfig, now: Date, timezone: string | null): Date {
  const { until } = config;
  if (until.kind === 'date') return new Date(Math.max(now.getTime(), Date.parse(until.at)));
  const zone = timezone && IANAZone.isValidZone(timezone) ? timezone : config.fallbackTimezone;
  const local = DateTime.fromJSDate(now, { zone });
  const [start, end] = [minutesOf(until.start), minutesOf(until.end)];
  // Some weekday within the next eight days is allowed (the schema requires one).
  for (let offset = 0; offset <= 7; offset++) {
    const day = local.startOf('day').plus({ days: offset });
    if (!until.weekdays.includes(day.weekday)) continue;
    const opens = day.set({ hour: Math.floor(start / 60), minute: start % 60 });
    const closes = day.set({ hour: Math.floor(end / 60), minute: end % 60 });
    if (local < opens) return opens.toJSDate();
    if (local < closes) return now;
  }
  throw new Error('No allowed weekday within a week'); // unreachable with a schema-valid config
}

export const waitUntilNode = defineNode({
  type: 'wait.until',
  version: 1,
  title: 'Wait until',
  description:
    'Waits until a date, or until the next time window on chosen weekdays in the customer’s timezone ' +
    '(e.g. weekdays 09:00–12:00); a customer already inside the window goes on at once.',
  category: 'flow',
  kind: 'wait',
  configSchema: waitUntilConfigSchema,
  defaultConfig: {
    until: { kind: 'window', start: '09:00', end: '12:00', weekdays: [1, 2, 3, 4, 5] },
    fallbackTimezone: 'UTC',
  },
  ports: () => ['out'],
  mayPassWithoutWaiting: true,
});
