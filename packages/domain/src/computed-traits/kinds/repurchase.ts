import { z } from 'zod';
import { DAY_MS } from '../../segments/relative-time';
import { eventNameSchema, eventsNamed, periodDays } from '../trait-input';
import { defineComputedTraitKind } from '../trait-kind';

export const repurchaseConfigSchema = z.strictObject({
  orderEvent: eventNameSchema.default('order.completed'),
  periodDays: periodDays.default(730),
  minOrders: z.int().min(2).max(1_000).default(3).describe('Fewer orders in the period: no usual interval'),
});

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/**
 * The repurchase cycle: the usual interval between orders (the median, in days), when the next
 * order is due (`nextExpectedAt`), and whether it is overdue as of the computation. Segments test
 * `nextExpectedAt` with `more_than_ago` to stay exact between computations.
 */
export const repurchaseKind = defineComputedTraitKind({
  kind: 'repurchase',
  title: 'Repurchase cycle',
  description: 'Usual interval between orders, next expected order date, and whether it is overdue.',
  configSchema: repurchaseConfigSchema,
  events: (config) => ({ names: [config.orderEvent], days: config.periodDays }),
  scaled: [],
  compute(config, input, now) {
    const orders = eventsNamed(input, config.orderEvent, now.getTime() - config.periodDays * DAY_MS);
    if (orders.length < config.minOrders) return undefined;
    const times = orders.map((o) => o.occurredAt.getTime());
    const intervals = times.slice(1).map((t, i) => (t - times[i]) / DAY_MS);
    const usualIntervalDays = Math.round(median(intervals) * 10) / 10;
    const last = times[times.length - 1];
    const nextExpected = last + usualIntervalDays * DAY_MS;
    const overdueDays = Math.floor((now.getTime() - nextExpected) / DAY_MS);
    return {
      orders: orders.length,
      usualIntervalDays,
      lastOrderAt: new Date(last).toISOString(),
      nextExpectedAt: new Date(nextExpected).toISOString(),
      overdue: overdueDays >= 0,
      overdueDays: Math.max(0, overdueDays),
    };
  },
});
