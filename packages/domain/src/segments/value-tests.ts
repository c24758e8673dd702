import { testValue } from '../predicates/evaluate-predicate';
import { parseIsoDate } from '../predicates/iso-date';
import { compareDecimals, type Decimal, decimalOf, multiplyDecimal } from './decimal';
import {
  anniversaryMonthDays,
  dayWindow,
  monthDay,
  type RelativeDuration,
  shiftInstant,
} from './relative-time';
import { type ValueTest } from './segment-rule';

// What each operator means, in memory. compile-segment-rule.ts says the same in SQL; the
// equivalence property test (apps/api/src/segments/audience/evaluators-agree.it.test.ts) holds
// the two together.

/** A value read from JSON (a trait, a computed trait, an event property). */
export function testJsonValue(test: ValueTest, actual: unknown, nowMs: number): boolean {
  switch (test.operator) {
    case 'between': {
      const [lower, upper] = test.value as [unknown, unknown];
      if (typeof lower === 'number') {
        return typeof actual === 'number' && actual >= lower && actual <= (upper as number);
      }
      const ms = parseIsoDate(actual);
      return ms !== undefined && ms >= parseIsoDate(lower)! && ms <= parseIsoDate(upper)!;
    }
    case 'more_than_ago':
    case 'within_last':
    case 'within_next':
    case 'days_ago':
    case 'anniversary': {
      const ms = parseIsoDate(actual);
      return ms !== undefined && testInstant(test, ms, nowMs);
    }
    default:
      return testValue(test.operator, actual, test.value);
  }
}

/** An instant: a date read from JSON, or an event's first or last occurrence. */
export function testInstant(test: ValueTest, ms: number, nowMs: number): boolean {
  const { operator, value } = test;
  switch (operator) {
    case 'gt':
      return ms > parseIsoDate(value)!;
    case 'gte':
      return ms >= parseIsoDate(value)!;
    case 'lt':
      return ms < parseIsoDate(value)!;
    case 'lte':
      return ms <= parseIsoDate(value)!;
    case 'between': {
      const [lower, upper] = value as [string, string];
      return ms >= parseIsoDate(lower)! && ms <= parseIsoDate(upper)!;
    }
    case 'more_than_ago':
      return ms < shiftInstant(nowMs, value as RelativeDuration, -1);
    case 'within_last':
      return ms >= shiftInstant(nowMs, value as RelativeDuration, -1) && ms <= nowMs;
    case 'within_next':
      return ms >= nowMs && ms <= shiftInstant(nowMs, value as RelativeDuration, 1);
    case 'days_ago': {
      const { start, end } = dayWindow(nowMs, value as number);
      return ms >= start && ms < end;
    }
    case 'anniversary':
      return anniversaryMonthDays(nowMs, (value as { withinDays: number }).withinDays).includes(monthDay(ms));
    default:
      return false;
  }
}

/** A measured amount (a count, a sum, a minimum…) against the test's numbers, exactly. */
export function testAmount(test: ValueTest, amount: Decimal): boolean {
  return testScaledAmount(test, amount, 1);
}

/**
 * `total / count` against the test's numbers without dividing (an average, exactly): compares
 * `total` with each bound times `count`.
 */
export function testScaledAmount(test: ValueTest, total: Decimal, count: number): boolean {
  const against = (bound: unknown) =>
    compareDecimals(total, multiplyDecimal(decimalOf(bound as number), count));
  switch (test.operator) {
    case 'equals':
      return against(test.value) === 0;
    case 'gt':
      return against(test.value) > 0;
    case 'gte':
      return against(test.value) >= 0;
    case 'lt':
      return against(test.value) < 0;
    case 'lte':
      return against(test.value) <= 0;
    case 'between': {
      const [lower, upper] = test.value as [number, number];
      return against(lower) >= 0 && against(upper) <= 0;
    }
    default:
      return false;
  }
}
