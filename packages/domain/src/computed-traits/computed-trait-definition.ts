import { z } from 'zod';
import { FORBIDDEN_PATH_SEGMENTS } from '../predicates/get-path';
import { appetenceKind } from './kinds/appetence';
import { lifecycleKind } from './kinds/lifecycle';
import { npsKind } from './kinds/nps';
import { personaKind } from './kinds/persona';
import { promophilieKind } from './kinds/promophilie';
import { repurchaseKind } from './kinds/repurchase';
import { rfeKind } from './kinds/rfe';
import { rfmKind } from './kinds/rfm';
import { scoreOf, type TraitInput, type TraitScales } from './trait-input';
import { type ComputedTraitKind, type ScaledMetric } from './trait-kind';

export const COMPUTED_TRAIT_KINDS = {
  rfm: rfmKind,
  rfe: rfeKind,
  nps: npsKind,
  promophilie: promophilieKind,
  appetence: appetenceKind,
  lifecycle: lifecycleKind,
  repurchase: repurchaseKind,
  persona: personaKind,
} as const;

export type ComputedTraitKindName = keyof typeof COMPUTED_TRAIT_KINDS;

/** Where the value lives: `profiles.computed_traits[key]`, `computed.<key>` in conditions and templates. */
export const computedTraitKeySchema = z
  .string()
  .regex(
    /^[a-z][a-z0-9_]{0,39}$/,
    'A key is lowercase letters, digits and _, starting with a letter (e.g. rfm)',
  )
  .refine((key) => !FORBIDDEN_PATH_SEGMENTS.has(key), 'Not a usable key');

const definitionOf = <K extends ComputedTraitKindName>(kind: K) =>
  z.strictObject({
    kind: z.literal(kind),
    config: (COMPUTED_TRAIT_KINDS[kind].configSchema as z.ZodType).prefault({}),
  });

/** A declared computed trait: its kind and that kind's config (defaults filled in). */
export const computedTraitSpecSchema = z.discriminatedUnion('kind', [
  definitionOf('rfm'),
  definitionOf('rfe'),
  definitionOf('nps'),
  definitionOf('promophilie'),
  definitionOf('appetence'),
  definitionOf('lifecycle'),
  definitionOf('repurchase'),
  definitionOf('persona'),
]);

export interface ComputedTraitDefinition {
  key: string;
  kind: ComputedTraitKindName;
  config: unknown;
}

function kindOf(definition: ComputedTraitDefinition): ComputedTraitKind<unknown> {
  return COMPUTED_TRAIT_KINDS[definition.kind] as ComputedTraitKind<unknown>;
}

/** The value of one computed trait for one profile (`undefined`: none), scored with `scales`. */
export function computeTrait(
  definition: ComputedTraitDefinition,
  input: TraitInput,
  now: Date,
  scales: TraitScales = {},
): unknown {
  return rescoreTrait(definition, kindOf(definition).compute(definition.config, input, now), scales);
}

/**
 * A stored value scored again against new scales (after the base was measured again): each scaled
 * metric's score, and with several of them, `score`, their digits together (RFM "431"), or null
 * until every one is known.
 */
export function rescoreTrait(
  definition: ComputedTraitDefinition,
  value: unknown,
  scales: TraitScales,
): unknown {
  const scaled = kindOf(definition).scaled;
  if (scaled.length === 0 || typeof value !== 'object' || value === null) return value;
  const metrics = value as Record<string, unknown>;
  const scores = scaled.map((m) =>
    typeof metrics[m.metric] === 'number'
      ? scoreOf(metrics[m.metric] as number, scales[m.metric], m.higherIsBetter)
      : null,
  );
  const scored: Record<string, unknown> = { ...metrics };
  scaled.forEach((m, i) => (scored[m.score] = scores[i]));
  if (scaled.length > 1) scored.score = scores.every((s) => s !== null) ? scores.join('') : null;
  return scored;
}

/** The events (names, and how many days back; `null`: all) `computeTrait` needs. */
export function traitEvents(definition: ComputedTraitDefinition): { names: string[]; days: number | null } {
  return kindOf(definition).events(definition.config);
}

/** The metrics of the value scored over the whole base. */
export function scaledMetrics(definition: ComputedTraitDefinition): readonly ScaledMetric[] {
  return kindOf(definition).scaled;
}
