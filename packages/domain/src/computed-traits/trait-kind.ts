import { type z } from 'zod';
import { type TraitInput } from './trait-input';

/**
 * A number of the value scored against the whole base, 1 to `buckets` (quintiles: 5, deciles: 10),
 * into the field `score`: e.g. `monetary` → `m`.
 */
export interface ScaledMetric {
  metric: string;
  buckets: number;
  higherIsBetter: boolean;
  score: string;
}

/**
 * One kind of computed trait (RFM, NPS, appetence…): declared with a config, never coded per
 * customer. `compute` is pure: the same profile data, time and scales give the same value.
 */
export interface ComputedTraitKind<Config> {
  kind: string;
  title: string;
  description: string;
  configSchema: z.ZodType<Config>;
  /** The events `compute` reads: their names, and how many days back (`null`: all of them). */
  events(config: Config): { names: string[]; days: number | null };
  scaled: readonly ScaledMetric[];
  /**
   * The value stored in `profiles.computed_traits[key]` (an object when `scaled` is not empty: the
   * scores are added to it); `undefined`: the profile has none.
   */
  compute(config: Config, input: TraitInput, now: Date): unknown;
}

export function defineComputedTraitKind<Config>(kind: ComputedTraitKind<Config>): ComputedTraitKind<Config> {
  return kind;
}
