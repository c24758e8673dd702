import { CronExpressionParser } from 'cron-parser';
import { z } from 'zod';
import { ianaTimezoneSchema } from '../pressure/pressure-rules';
import { defineNode } from './define-node';

/** Five fields (minute hour day-of-month month day-of-week): a broadcast has no use for seconds. */
const cronSchema = z
  .string()
  .trim()
  .max(200)
  .superRefine((expression, ctx) => {
    if (expression.split(/\s+/).length !== 5) {
      ctx.addIssue({
        code: 'custom',
        message: 'A cron expression has 5 fields: minute hour day-of-month month day-of-week, e.g. 0 9 * * 1',
      });
      return;
    }
    try {
      CronExpressionParser.parse(expression);
    } catch (error) {
      ctx.addIssue({ code: 'custom', message: `Invalid cron expression: ${(error as Error).message}` });
    }
  });

export const scheduleSchema = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('once'),
      at: z.iso.datetime({
        offset: true,
        error: 'A date-time with its offset, e.g. 2026-12-24T09:00:00+01:00',
      }),
    })
    .meta({ title: 'Once, at a date and time' }),
  z
    .object({
      kind: z.literal('recurring'),
      cron: cronSchema.meta({ title: 'Cron expression', examples: ['0 9 * * 1'] }),
      /** The cron's clock: 09:00 stays 09:00 across daylight-saving changes. */
      timezone: ianaTimezoneSchema.default('UTC').meta({ title: 'Timezone' }),
    })
    .meta({ title: 'Recurring (cron)' }),
]);

export type Schedule = z.output<typeof scheduleSchema>;

export const triggerScheduleConfigSchema = z.object({
  /** Everyone in the segment when the run reaches them enters (under the scenario's entry rules). */
  segmentId: z.uuid({ error: 'A segment id is a UUID' }).meta({ title: 'Segment' }),
  schedule: scheduleSchema,
  /** Spreads a large audience over time, sparing providers and downstream systems. */
  ratePerMinute: z
    .int()
    .min(1)
    .max(60_000)
    .default(1_000)
    .meta({ title: 'At most this many entries per minute' }),
});

export type TriggerScheduleConfig = z.output<typeof triggerScheduleConfigSchema>;

/** The first time the schedule fires strictly after `after`, or null when it never will again. */
export function nextScheduledRun(schedule: Schedule, after: Date): Date | null {
  if (schedule.kind === 'once') {
    const at = new Date(schedule.at);
    return at > after ? at : null;
  }
  return CronExpressionParser.parse(schedule.cron, { tz: schedule.timezone, currentDate: after })
    .next()
    .toDate();
}

export const triggerScheduleNode = defineNode({
  type: 'trigger.schedule',
  version: 1,
  title: 'On a schedule',
  description:
    'Enters everyone currently in a segment at a date, or on a recurring schedule (cron), at a throttled rate.',
  category: 'triggers',
  kind: 'trigger',
  configSchema: triggerScheduleConfigSchema,
  defaultConfig: {
    segmentId: '00000000-0000-4000-8000-000000000000',
    schedule: { kind: 'recurring', cron: '0 9 * * 1', timezone: 'Europe/Paris' },
    ratePerMinute: 1_000,
  },
  ports: () => ['out'],
  segments: (config) => [{ path: ['segmentId'], segmentId: config.segmentId }],
});
