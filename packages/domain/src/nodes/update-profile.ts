import { z } from 'zod';
import { FORBIDDEN_PATH_SEGMENTS, getPath } from '../predicates/get-path';
import { propertyPathSchema } from '../predicates/property-predicate';
import { defineNode } from './define-node';

const traitNameSchema = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, {
    error: 'Trait names are letters, digits and _',
  })
  .refine((name) => !FORBIDDEN_PATH_SEGMENTS.has(name), { error: 'This name is reserved' });

export const updateProfileConfigSchema = z
  .object({
    set: z
      .record(traitNameSchema, z.union([z.string().max(10_000), z.number(), z.boolean(), z.null()]))
      .default({})
      .meta({ title: 'Set traits' }),
    unset: z.array(traitNameSchema).max(50).default([]).meta({ title: 'Remove traits' }),
    increment: z.record(traitNameSchema, z.number().finite()).default({}).meta({ title: 'Add to traits' }),
    /** Copy a journey variable (e.g. a webhook's mapped response) into a trait. */
    fromVariables: z
      .record(traitNameSchema, propertyPathSchema)
      .default({})
      .meta({ title: 'Set from journey variables' }),
  })
  .refine(
    (c) =>
      Object.keys(c.set).length +
        c.unset.length +
        Object.keys(c.increment).length +
        Object.keys(c.fromVariables).length >
      0,
    { error: 'Change at least one trait' },
  );

export type UpdateProfileConfig = z.output<typeof updateProfileConfigSchema>;

export const updateProfileNode = defineNode({
  type: 'update.profile',
  version: 1,
  title: 'Update profile',
  description: 'Sets, removes or increments traits of the customer (once per step, even when retried).',
  category: 'actions',
  icon: 'user',
  kind: 'action',
  configSchema: updateProfileConfigSchema,
  defaultConfig: { set: { journey_welcomed: true }, unset: [], increment: {}, fromVariables: {} },
  ports: () => ['out'],
  async execute(ctx, config) {
    const fromVariables = Object.fromEntries(
      Object.entries(config.fromVariables).map(([trait, path]) => [
        trait,
        getPath(ctx.variables, path) ?? null,
      ]),
    );
    await ctx.updateProfile({
      set: { ...config.set, ...fromVariables },
      unset: config.unset,
      increment: config.increment,
    });
    return { port: 'out', outcome: 'updated' };
  },
});
