import { z } from 'zod';
import { getPath } from '../../predicates/get-path';
import { DAY_MS } from '../../segments/relative-time';
import { eventNameSchema, periodDays, propertyPath } from '../trait-input';
import { defineComputedTraitKind } from '../trait-kind';

const MAX_CATEGORY_LENGTH = 100;

export const appetenceConfigSchema = z.strictObject({
  sources: z
    .array(
      z.strictObject({
        event: eventNameSchema,
        path: propertyPath.describe('The category: a text, or a list of texts'),
        weight: z.number().min(0).max(1_000),
      }),
    )
    .min(1)
    .max(10)
    .default([
      { event: 'order.completed', path: 'category', weight: 3 },
      { event: 'product.viewed', path: 'category', weight: 1 },
    ]),
  periodDays: periodDays.default(180),
  categories: z
    .array(z.string().min(1).max(MAX_CATEGORY_LENGTH))
    .max(200)
    .optional()
    .describe('Only these count (e.g. cat, dog, rodent); any category when absent'),
});

/**
 * The preferred category (animal: cat / dog / rodent; department: denim / skirts / cosy…), from
 * weighted purchases and views over the period; ties go to the most recent. The value is the
 * category itself, so conditions and templates read `computed.appetence` = `cat`.
 */
export const appetenceKind = defineComputedTraitKind({
  kind: 'appetence',
  title: 'Appetence',
  description: 'Preferred category from weighted purchases and views over a period.',
  configSchema: appetenceConfigSchema,
  events: (config) => ({ names: [...new Set(config.sources.map((s) => s.event))], days: config.periodDays }),
  scaled: [],
  compute(config, input, now) {
    const since = now.getTime() - config.periodDays * DAY_MS;
    const allowed = config.categories ? new Set(config.categories) : undefined;
    const tally = new Map<string, { score: number; lastMs: number }>();
    for (const event of input.events) {
      const at = event.occurredAt.getTime();
      if (at < since) continue;
      for (const source of config.sources) {
        if (source.event !== event.name) continue;
        const value = getPath(event.properties, source.path);
        for (const category of Array.isArray(value) ? value : [value]) {
          if (typeof category !== 'string' || category === '' || category.length > MAX_CATEGORY_LENGTH)
            continue;
          if (allowed && !allowed.has(category)) continue;
          const entry = tally.get(category) ?? { score: 0, lastMs: -Infinity };
          tally.set(category, { score: entry.score + source.weight, lastMs: Math.max(entry.lastMs, at) });
        }
      }
    }
    const ranked = [...tally.entries()]
      .filter(([, t]) => t.score > 0)
      .sort(([a, x], [b, y]) => y.score - x.score || y.lastMs - x.lastMs || (a < b ? -1 : 1));
    return ranked.length === 0 ? undefined : ranked[0][0];
  },
});
