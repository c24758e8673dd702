import { getPath } from '../predicates/get-path';

/** The exit reason of a journey a goal step ended. */
export const GOAL_EXIT_REASON = 'goal';

/** What a goal step found: the converting event and the revenue it carried, if any. */
export interface Conversion {
  eventId: string;
  /** When the event happened (ISO 8601). */
  occurredAt: string;
  revenue?: number;
}

/** The revenue at `path` in a conversion event's properties: a finite number, or a numeric string. */
export function conversionRevenue(properties: unknown, path: string | undefined): number | undefined {
  if (path === undefined) return undefined;
  const value = getPath(properties, path);
  const revenue =
    typeof value === 'number'
      ? value
      : typeof value === 'string' && value.trim() !== ''
        ? Number(value)
        : NaN;
  return Number.isFinite(revenue) ? revenue : undefined;
}

/**
 * What a goal records for an event it accepts: one shape whoever records it (the workflow, or the
 * event router when the same event also exits the journey).
 */
export function conversionOf(
  event: { id: string; occurredAt: string; properties: unknown },
  revenueProperty: string | undefined,
): Conversion {
  const revenue = conversionRevenue(event.properties, revenueProperty);
  return {
    eventId: event.id,
    occurredAt: event.occurredAt,
    ...(revenue === undefined ? {} : { revenue }),
  };
}
