import { z } from 'zod';
import { eventNameSchema, eventsNamed, numberAt, propertyPath } from '../trait-input';
import { defineComputedTraitKind } from '../trait-kind';

export const npsConfigSchema = z.strictObject({
  event: eventNameSchema.default('survey.answered'),
  npsPath: propertyPath.default('nps').describe('Likelihood to recommend, 0-10'),
  csatPath: propertyPath.nullable().default('csat').describe('Satisfaction, 1-5 (null: not collected)'),
  cesPath: propertyPath.nullable().default('ces').describe('Effort, 1-7 (null: not collected)'),
});

export type NpsCategory = 'detractor' | 'passive' | 'promoter';

/** 0-6 detractor, 7-8 passive, 9-10 promoter. */
export function npsCategory(score: number): NpsCategory {
  return score <= 6 ? 'detractor' : score <= 8 ? 'passive' : 'promoter';
}

/** The latest answer of each survey score in range (NPS 0-10 integer, CSAT 1-5, CES 1-7). */
function latest(events: ReturnType<typeof eventsNamed>, path: string | null, min: number, max: number) {
  if (path === null) return undefined;
  for (let i = events.length - 1; i >= 0; i--) {
    const value = numberAt(events[i].properties, path);
    if (value !== undefined && value >= min && value <= max) return { value, at: events[i].occurredAt };
  }
  return undefined;
}

/**
 * Satisfaction from survey answers: the latest NPS answer (0-10) and its category, with the date,
 * and the latest CSAT and CES answers. No answer at all: no value.
 */
export const npsKind = defineComputedTraitKind({
  kind: 'nps',
  title: 'NPS, CSAT, CES',
  description:
    'Latest NPS answer and its category (0-6 detractor, 7-8 passive, 9-10 promoter); latest CSAT and CES.',
  configSchema: npsConfigSchema,
  events: (config) => ({ names: [config.event], days: null }),
  scaled: [],
  compute(config, input) {
    const answers = eventsNamed(input, config.event);
    const nps = latest(answers, config.npsPath, 0, 10);
    const csat = latest(answers, config.csatPath, 1, 5);
    const ces = latest(answers, config.cesPath, 1, 7);
    if (!nps && !csat && !ces) return undefined;
    const score = nps && Number.isInteger(nps.value) ? nps.value : undefined;
    return {
      score: score ?? null,
      category: score === undefined ? null : npsCategory(score),
      answeredAt: nps ? nps.at.toISOString() : null,
      csat: csat?.value ?? null,
      ces: ces?.value ?? null,
    };
  },
});
