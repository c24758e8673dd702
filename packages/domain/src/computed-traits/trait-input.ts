import { z } from 'zod';
import { getPath } from '../predicates/get-path';
import { DAY_MS } from '../segments/relative-time';
import { rulePathSchema, SEGMENT_EVENT_PREFIX } from '../segments/segment-rule';

/** What a computed trait is computed from: one profile's traits and (relevant) events. */
export interface TraitInput {
  traits: Record<string, unknown>;
  events: readonly TraitEvent[];
}

export interface TraitEvent {
  name: string;
  properties: Record<string, unknown>;
  occurredAt: Date;
}

/** Base-relative cut points per metric (quintiles, deciles), from the last full computation. */
export type TraitScales = Record<string, number[]>;

export const eventNameSchema = z
  .string()
  .min(1)
  .max(200)
  .refine((name) => !name.startsWith(SEGMENT_EVENT_PREFIX), {
    error: `Events named '${SEGMENT_EVENT_PREFIX}…' record segment changes, not customer behaviour`,
  });
export const propertyPath = rulePathSchema;
export const periodDays = z.int().min(1).max(3_650);

/** The events named `name` since `sinceMs`, oldest first. */
export function eventsNamed(input: TraitInput, name: string, sinceMs = -Infinity): TraitEvent[] {
  return input.events
    .filter((e) => e.name === name && e.occurredAt.getTime() >= sinceMs)
    .sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime());
}

export function numberAt(properties: Record<string, unknown>, path: string): number | undefined {
  const value = getPath(properties, path);
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

export const wholeDaysBetween = (fromMs: number, toMs: number) => Math.floor((toMs - fromMs) / DAY_MS);

/**
 * A 1..n score from base-relative cut points (n - 1 of them, from the worst value to the best: the
 * base's values at 1/n, 2/n… of that order): 1 plus the cut points the value beats. `null` until
 * the base has been measured once.
 */
export function scoreOf(value: number, cuts: number[] | undefined, higherIsBetter: boolean): number | null {
  if (cuts === undefined) return null;
  return 1 + cuts.filter((cut) => (higherIsBetter ? value > cut : value < cut)).length;
}
