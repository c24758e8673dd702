import { z } from 'zod';
import { propertyPathSchema } from '../predicates/property-predicate';
import { ianaTimezoneSchema, timeOfDaySchema } from '../pressure/pressure-rules';
import { eventFilterSchema } from '../segments/segment-rule';
import { defineNode, type NodeConfigIssue } from './define-node';

export const MAX_DATE_OFFSET_DAYS = 366;

export const triggerDateConfigSchema = z.object({
  /** The date customers enter relative to. */
  date: z.discriminatedUnion('kind', [
    z
      .object({
        kind: z.literal('trait'),
        /** A date (`1990-05-17`) or date-time trait, e.g. `birthday` or `contract.endsAt`. */
        trait: propertyPathSchema.meta({ title: 'Date attribute', examples: ['birthday'] }),
        /** `year`: on its anniversary every year (29 February: the 28th in other years). */
        every: z.enum(['year', 'once']).default('year').meta({ title: 'Repeat' }),
      })
      .meta({ title: 'A date on the profile' }),
    z
      .object({
        kind: z.literal('event'),
        /** The customer's last such event, e.g. `order.completed` where category is kibble. */
        event: z.string().min(1).max(200).meta({ title: 'Event name' }),
        where: z.array(eventFilterSchema).max(20).default([]).meta({ title: 'Only when' }),
      })
      .meta({ title: 'The last time the customer did an event' }),
  ]),
  offset: z
    .object({
      days: z.int().min(0).max(MAX_DATE_OFFSET_DAYS).meta({ title: 'Days' }),
      direction: z.enum(['before', 'after']).meta({ title: 'Before or after' }),
    })
    .default({ days: 0, direction: 'after' }),
  /** Local time in the customer's timezone from which they enter on the day. */
  at: timeOfDaySchema.default('09:00').meta({ title: 'At (customer’s local time)' }),
  /** For customers whose profile has no (known) timezone. */
  fallbackTimezone: ianaTimezoneSchema.default('UTC').meta({ title: 'Timezone when unknown' }),
});

export type TriggerDateConfig = z.output<typeof triggerDateConfigSchema>;

export const triggerDateNode = defineNode({
  type: 'trigger.date',
  version: 1,
  title: 'On a date',
  description:
    'Enters each customer on a day relative to a date of theirs (a birthday, 14 days after their last ' +
    'kibble order), from a local time in their timezone, once per occurrence.',
  category: 'triggers',
  kind: 'trigger',
  configSchema: triggerDateConfigSchema,
  defaultConfig: {
    date: { kind: 'trait', trait: 'birthday', every: 'year' },
    offset: { days: 0, direction: 'after' },
    at: '09:00',
    fallbackTimezone: 'UTC',
  },
  ports: () => ['out'],
  validate(config): NodeConfigIssue[] {
    // The last event is in the past: a day before it has passed too.
    return config.date.kind === 'event' && config.offset.direction === 'before' && config.offset.days > 0
      ? [
          {
            path: ['offset', 'direction'],
            message: 'A day relative to the last event can only come after it',
          },
        ]
      : [];
  },
});
