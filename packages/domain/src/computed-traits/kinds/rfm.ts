import { z } from 'zod';
import { addDecimals, decimalOf, decimalToNumber } from '../../segments/decimal';
import { DAY_MS } from '../../segments/relative-time';
import {
  eventNameSchema,
  eventsNamed,
  numberAt,
  periodDays,
  propertyPath,
  wholeDaysBetween,
} from '../trait-input';
import { defineComputedTraitKind } from '../trait-kind';

export const rfmConfigSchema = z.strictObject({
  orderEvent: eventNameSchema.default('order.completed'),
  amountPath: propertyPath.default('total').describe("The order's amount, in its properties"),
  periodDays: periodDays.default(365),
});

/**
 * Recency (days since the last order), frequency (orders) and monetary value (their total) over
 * the period, each scored 1-5 by quintile over the base (5: most recent, most frequent, most
 * spent); `score` reads "RFM" as three digits. No order in the period: no value.
 */
export const rfmKind = defineComputedTraitKind({
  kind: 'rfm',
  title: 'RFM',
  description: 'Recency, frequency and monetary value of orders over a period, scored 1-5 by quintile.',
  configSchema: rfmConfigSchema,
  events: (config) => ({ names: [config.orderEvent], days: config.periodDays }),
  scaled: [
    { metric: 'recencyDays', buckets: 5, higherIsBetter: false, score: 'r' },
    { metric: 'frequency', buckets: 5, higherIsBetter: true, score: 'f' },
    { metric: 'monetary', buckets: 5, higherIsBetter: true, score: 'm' },
  ],
  compute(config, input, now) {
    const orders = eventsNamed(input, config.orderEvent, now.getTime() - config.periodDays * DAY_MS);
    if (orders.length === 0) return undefined;
    const last = orders[orders.length - 1].occurredAt;
    const recencyDays = Math.max(0, wholeDaysBetween(last.getTime(), now.getTime()));
    const monetary = decimalToNumber(
      orders.reduce(
        (sum, o) => addDecimals(sum, decimalOf(numberAt(o.properties, config.amountPath) ?? 0)),
        decimalOf(0),
      ),
    );
    return { recencyDays, frequency: orders.length, monetary, lastOrderAt: last.toISOString() };
  },
});
