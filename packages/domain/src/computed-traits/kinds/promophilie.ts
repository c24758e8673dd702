import { z } from 'zod';
import { getPath } from '../../predicates/get-path';
import { DAY_MS } from '../../segments/relative-time';
import { eventNameSchema, eventsNamed, periodDays, propertyPath } from '../trait-input';
import { defineComputedTraitKind } from '../trait-kind';

export const promophilieConfigSchema = z.strictObject({
  orderEvent: eventNameSchema.default('order.completed'),
  promotionPath: propertyPath
    .default('promotion')
    .describe(
      'Set on an order bought with a promotion: true, a code, a discount above 0 or a non-empty list',
    ),
  periodDays: periodDays.default(365),
  minOrders: z.int().min(1).max(1_000).default(1).describe('Fewer orders in the period: no value'),
});

function hasPromotion(value: unknown): boolean {
  if (typeof value === 'number') return value > 0;
  if (typeof value === 'string') return value.trim() !== '';
  if (Array.isArray(value)) return value.length > 0;
  return value === true;
}

/**
 * Sensitivity to promotions: the share of the period's orders bought with one, and its decile over
 * the base (10: the most promotion-driven tenth).
 */
export const promophilieKind = defineComputedTraitKind({
  kind: 'promophilie',
  title: 'Promophilie',
  description: 'Share of orders bought with a promotion over a period, as a decile (1-10) over the base.',
  configSchema: promophilieConfigSchema,
  events: (config) => ({ names: [config.orderEvent], days: config.periodDays }),
  scaled: [{ metric: 'share', buckets: 10, higherIsBetter: true, score: 'decile' }],
  compute(config, input, now) {
    const orders = eventsNamed(input, config.orderEvent, now.getTime() - config.periodDays * DAY_MS);
    if (orders.length < config.minOrders) return undefined;
    const promoted = orders.filter((o) => hasPromotion(getPath(o.properties, config.promotionPath))).length;
    return { orders: orders.length, promotedOrders: promoted, share: promoted / orders.length };
  },
});
