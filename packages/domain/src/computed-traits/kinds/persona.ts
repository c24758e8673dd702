import { z } from 'zod';
import { FORBIDDEN_PATH_SEGMENTS, getPath } from '../../predicates/get-path';
import { eventNameSchema, eventsNamed, propertyPath } from '../trait-input';
import { defineComputedTraitKind } from '../trait-kind';

const personaName = z
  .string()
  .regex(/^[A-Za-z][A-Za-z0-9 _-]{0,39}$/, 'A persona is named with letters, digits, spaces, _ or -')
  .refine((name) => !FORBIDDEN_PATH_SEGMENTS.has(name), 'Not a usable persona name');

export const personaConfigSchema = z
  .strictObject({
    event: eventNameSchema.default('questionnaire.answered'),
    personas: z.array(personaName).min(2).max(20).describe('In order of precedence when scores tie'),
    questions: z
      .array(
        z.strictObject({
          path: propertyPath.describe("The answer, in the event's properties"),
          answers: z
            .array(
              z.strictObject({
                answer: z.union([z.string().max(200), z.number(), z.boolean()]),
                points: z.record(personaName, z.number().min(-1_000).max(1_000)),
              }),
            )
            .min(1)
            .max(50),
        }),
      )
      .min(1)
      .max(50),
  })
  .superRefine((config, ctx) => {
    config.questions.forEach((question, q) =>
      question.answers.forEach((answer, a) => {
        for (const name of Object.keys(answer.points)) {
          if (!config.personas.includes(name)) {
            ctx.addIssue({
              code: 'custom',
              path: ['questions', q, 'answers', a, 'points', name],
              message: `'${name}' is not one of the personas`,
            });
          }
        }
      }),
    );
  });

/**
 * A persona from questionnaire answers: each question's latest answer adds its points to personas;
 * the best total wins (ties: the first in `personas`) and is the value (`computed.persona` =
 * `Sonia`). No answer: no value.
 */
export const personaKind = defineComputedTraitKind({
  kind: 'persona',
  title: 'Persona',
  description: 'Weighted questionnaire answers, summed per persona; the best score is the persona.',
  configSchema: personaConfigSchema,
  events: (config) => ({ names: [config.event], days: null }),
  scaled: [],
  compute(config, input) {
    const answers = eventsNamed(input, config.event);
    const totals = new Map(config.personas.map((name) => [name, 0]));
    let answered = 0;
    for (const question of config.questions) {
      const latest = answers.findLast((e) => getPath(e.properties, question.path) !== undefined);
      if (!latest) continue;
      const given = getPath(latest.properties, question.path);
      const match = question.answers.find((a) => a.answer === given);
      if (!match) continue;
      answered++;
      for (const [name, points] of Object.entries(match.points)) totals.set(name, totals.get(name)! + points);
    }
    if (answered === 0) return undefined;
    return config.personas.reduce((best, name) => (totals.get(name)! > totals.get(best)! ? name : best));
  },
});
