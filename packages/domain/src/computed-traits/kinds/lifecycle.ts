import { z } from 'zod';
import { DAY_MS } from '../../segments/relative-time';
import { eventNameSchema, eventsNamed } from '../trait-input';
import { defineComputedTraitKind } from '../trait-kind';

const days = z.int().min(1).max(3_650);

export const lifecycleConfigSchema = z
  .strictObject({
    orderEvent: eventNameSchema.default('order.completed'),
    newDays: days.default(90).describe('First order at most this many days ago: new'),
    loyalMinOrders: z
      .int()
      .min(2)
      .max(1_000)
      .default(3)
      .describe('This many orders in the loyalty window: loyal'),
    loyalWindowDays: days.default(365),
    lapsedDays: days.default(180).describe('Last order longer ago than this: lapsed'),
    inactiveDays: days.default(365).describe('Last order longer ago than this: inactive'),
  })
  .refine((c) => c.lapsedDays < c.inactiveDays, {
    path: ['inactiveDays'],
    error: 'inactiveDays must be longer than lapsedDays',
  });

export const LIFECYCLE_STAGES = ['prospect', 'new', 'active', 'loyal', 'lapsed', 'inactive'] as const;
export type LifecycleStage = (typeof LIFECYCLE_STAGES)[number];

/**
 * Where the customer stands: prospect (never ordered), new (first order recent), loyal (enough
 * recent orders), active (ordered recently), lapsed (not for a while), inactive (not for long).
 * The value is the stage itself (`computed.lifecycle` = `loyal`).
 */
export const lifecycleKind = defineComputedTraitKind({
  kind: 'lifecycle',
  title: 'Lifecycle stage',
  description: 'prospect, new, active, loyal, lapsed or inactive, from order dates; thresholds configurable.',
  configSchema: lifecycleConfigSchema,
  events: (config) => ({ names: [config.orderEvent], days: null }),
  scaled: [],
  compute(config, input, now) {
    const orders = eventsNamed(input, config.orderEvent);
    if (orders.length === 0) return 'prospect';
    const nowMs = now.getTime();
    const first = orders[0].occurredAt.getTime();
    const last = orders[orders.length - 1].occurredAt.getTime();
    const recent = orders.filter(
      (o) => o.occurredAt.getTime() >= nowMs - config.loyalWindowDays * DAY_MS,
    ).length;
    let stage: LifecycleStage = 'active';
    if (last < nowMs - config.inactiveDays * DAY_MS) stage = 'inactive';
    else if (last < nowMs - config.lapsedDays * DAY_MS) stage = 'lapsed';
    else if (first >= nowMs - config.newDays * DAY_MS) stage = 'new';
    else if (recent >= config.loyalMinOrders) stage = 'loyal';
    return stage;
  },
});
