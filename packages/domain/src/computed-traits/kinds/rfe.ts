import { z } from 'zod';
import { DAY_MS } from '../../segments/relative-time';
import { eventNameSchema, periodDays, wholeDaysBetween } from '../trait-input';
import { defineComputedTraitKind } from '../trait-kind';

export const rfeConfigSchema = z.strictObject({
  interactions: z
    .array(z.strictObject({ event: eventNameSchema, points: z.number().min(0).max(1_000) }))
    .min(1)
    .max(20)
    .default([
      { event: 'message.opened', points: 1 },
      { event: 'site.visited', points: 3 },
      { event: 'message.clicked', points: 5 },
    ]),
  periodDays: periodDays.default(90),
});

/**
 * Like RFM with engagement instead of money: every interaction is worth points (by default +1 an
 * open of a message Parcours sent, +3 a site visit, +5 a click: the delivery events the tracking
 * links record). Recency, frequency (interactions) and engagement
 * (points) over the period, scored 1-5 by quintile over the base. No interaction: no value.
 */
export const rfeKind = defineComputedTraitKind({
  kind: 'rfe',
  title: 'RFE',
  description:
    'Recency, frequency and engagement points of interactions over a period, scored 1-5 by quintile.',
  configSchema: rfeConfigSchema,
  events: (config) => ({ names: config.interactions.map((i) => i.event), days: config.periodDays }),
  scaled: [
    { metric: 'recencyDays', buckets: 5, higherIsBetter: false, score: 'r' },
    { metric: 'frequency', buckets: 5, higherIsBetter: true, score: 'f' },
    { metric: 'engagement', buckets: 5, higherIsBetter: true, score: 'e' },
  ],
  compute(config, input, now) {
    const since = now.getTime() - config.periodDays * DAY_MS;
    const points = new Map(config.interactions.map((i) => [i.event, i.points]));
    const interactions = input.events.filter((e) => points.has(e.name) && e.occurredAt.getTime() >= since);
    if (interactions.length === 0) return undefined;
    const last = interactions.reduce((latest, e) => Math.max(latest, e.occurredAt.getTime()), -Infinity);
    const recencyDays = Math.max(0, wholeDaysBetween(last, now.getTime()));
    const engagement = interactions.reduce((sum, e) => sum + points.get(e.name)!, 0);
    return {
      recencyDays,
      frequency: interactions.length,
      engagement,
      lastInteractionAt: new Date(last).toISOString(),
    };
  },
});
