import {
  COMPUTED_TRAIT_KINDS,
  computedTraitKeySchema,
  type ComputedTraitKindName,
  computedTraitSpecSchema,
} from '@parcours/domain';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';

const kinds = Object.values(COMPUTED_TRAIT_KINDS)
  .map((k) => `\`${k.kind}\` (${k.description})`)
  .join('; ');

const kindNames = Object.keys(COMPUTED_TRAIT_KINDS) as [ComputedTraitKindName, ...ComputedTraitKindName[]];

/** A kind and its config, checked by that kind's schema (defaults filled in). */
const spec = {
  kind: z.enum(kindNames).describe(`Kinds: ${kinds}`),
  config: z
    .record(z.string(), z.unknown())
    .optional()
    .describe("The kind's settings; defaults for those left out"),
};

function checkedSpec<T extends { kind: ComputedTraitKindName; config?: Record<string, unknown> }>(
  body: T,
  ctx: z.RefinementCtx,
): T & { config: Record<string, unknown> } {
  const parsed = computedTraitSpecSchema.safeParse({ kind: body.kind, config: body.config });
  if (parsed.success) return { ...body, config: parsed.data.config as Record<string, unknown> };
  for (const issue of parsed.error.issues)
    ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message });
  return z.NEVER;
}

export class CreateComputedTraitDto extends createZodDto(
  z.strictObject({ key: computedTraitKeySchema, ...spec }).transform(checkedSpec),
) {}

export class UpdateComputedTraitDto extends createZodDto(z.strictObject(spec).transform(checkedSpec)) {}

export class ComputedTraitKeyParams extends createZodDto(z.object({ key: computedTraitKeySchema })) {}

export class ComputedTraitDto extends createZodDto(
  z.object({
    key: z
      .string()
      .describe('Values live in `profiles.computed_traits[key]`: `computed.<key>` in conditions'),
    kind: z.enum(kindNames),
    config: z.record(z.string(), z.unknown()),
    version: z.int(),
    scales: z
      .record(z.string(), z.array(z.number()))
      .nullable()
      .describe('Cut points over the base (quintiles, deciles) of the last full computation'),
    computedAt: z.string().datetime().nullable().describe('When the whole base was last computed'),
    createdAt: z.string().datetime(),
    updatedAt: z.string().datetime(),
  }),
) {}
