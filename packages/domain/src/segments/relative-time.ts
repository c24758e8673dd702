import { DateTime } from 'luxon';
import { z } from 'zod';

// Time in segment rules is read against an explicit `now`, in UTC, by both evaluators: the
// instants below are computed once, in JavaScript, and handed to SQL as parameters.

export const RELATIVE_UNITS = ['hours', 'days', 'weeks', 'months', 'years'] as const;
export type RelativeUnit = (typeof RELATIVE_UNITS)[number];

const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;
const FIXED_UNIT_MS: Partial<Record<RelativeUnit, number>> = {
  hours: HOUR_MS,
  days: DAY_MS,
  weeks: 7 * DAY_MS,
};
/** A hundred years in each unit. */
const MAX_AMOUNT: Record<RelativeUnit, number> = {
  hours: 876_600,
  days: 36_525,
  weeks: 5_218,
  months: 1_200,
  years: 100,
};

/** "14 days", "3 months": months and years are calendar ones (31 March minus a month is 28/29 February). */
export const relativeDurationSchema = z
  .strictObject({
    amount: z.int().min(0).max(MAX_AMOUNT.hours),
    unit: z.enum(RELATIVE_UNITS),
  })
  .refine((d) => d.amount <= MAX_AMOUNT[d.unit], {
    path: ['amount'],
    error: 'A duration is at most 100 years',
  });

export type RelativeDuration = z.output<typeof relativeDurationSchema>;

/** `nowMs` moved by the duration, back (`-1`) or forward (`1`). */
export function shiftInstant(nowMs: number, duration: RelativeDuration, direction: -1 | 1): number {
  const fixed = FIXED_UNIT_MS[duration.unit];
  if (fixed !== undefined) return nowMs + direction * duration.amount * fixed;
  const start = DateTime.fromMillis(nowMs, { zone: 'utc' });
  const change = { [duration.unit]: duration.amount };
  return (direction < 0 ? start.minus(change) : start.plus(change)).toMillis();
}

export function startOfUtcDay(ms: number): number {
  return Math.floor(ms / DAY_MS) * DAY_MS;
}

/** The calendar day `daysAgo` days before `nowMs`'s (UTC), as [start, end) milliseconds. */
export function dayWindow(nowMs: number, daysAgo: number): { start: number; end: number } {
  const start = startOfUtcDay(nowMs) - daysAgo * DAY_MS;
  return { start, end: start + DAY_MS };
}

/** 'MM-DD' of an instant, in UTC. */
export function monthDay(ms: number): string {
  const date = new Date(ms);
  return `${String(date.getUTCMonth() + 1).padStart(2, '0')}-${String(date.getUTCDate()).padStart(2, '0')}`;
}

/**
 * The month-days ('MM-DD') a date's anniversary falls on within the next `withinDays` days (0: today
 * only). In a year without 29 February, 28 February is also the anniversary of 29 February.
 */
export function anniversaryMonthDays(nowMs: number, withinDays: number): string[] {
  const days = new Set<string>();
  for (let i = 0; i <= withinDays; i++) {
    const day = startOfUtcDay(nowMs) + i * DAY_MS;
    days.add(monthDay(day));
    if (monthDay(day) === '02-28' && monthDay(day + DAY_MS) === '03-01') days.add('02-29');
  }
  return [...days];
}
