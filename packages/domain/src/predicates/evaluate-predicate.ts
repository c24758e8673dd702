import { getPath } from './get-path';
import { parseIsoDate } from './iso-date';
import type { PropertyPredicate } from './property-predicate';

type Scalar = string | number | boolean | null;

const isScalar = (value: unknown): value is Scalar =>
  value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';

function equals(actual: unknown, expected: unknown): boolean {
  return isScalar(actual) && isScalar(expected) && actual === expected;
}

/** Sign of `actual - expected` for two numbers or two dates; `undefined` when they do not compare. */
function compare(actual: unknown, expected: unknown): number | undefined {
  if (typeof expected === 'number') {
    if (typeof actual !== 'number' || !Number.isFinite(actual) || !Number.isFinite(expected))
      return undefined;
    return Math.sign(actual - expected);
  }
  const expectedMs = parseIsoDate(expected);
  if (expectedMs === undefined) return undefined;
  const actualMs = actual instanceof Date ? actual.getTime() : parseIsoDate(actual);
  if (actualMs === undefined || Number.isNaN(actualMs)) return undefined;
  return Math.sign(actualMs - expectedMs);
}

/**
 * Whether `actual` (a value read from a profile or an event) passes `operator` with `expected`;
 * what `evaluatePredicate` applies once it has read the predicate's path.
 */
export function testValue(operator: unknown, actual: unknown, expected: unknown): boolean {
  switch (operator) {
    case 'equals':
      return equals(actual, expected);
    case 'not_equals':
      return !equals(actual, expected);
    case 'contains':
      if (typeof actual === 'string') return typeof expected === 'string' && actual.includes(expected);
      return Array.isArray(actual) && isScalar(expected) && actual.some((item) => item === expected);
    case 'starts_with':
      return typeof actual === 'string' && typeof expected === 'string' && actual.startsWith(expected);
    case 'in':
      return Array.isArray(expected) && isScalar(actual) && expected.some((item) => item === actual);
    case 'gt':
      return compare(actual, expected) === 1;
    case 'gte': {
      const sign = compare(actual, expected);
      return sign === 1 || sign === 0;
    }
    case 'lt':
      return compare(actual, expected) === -1;
    case 'lte': {
      const sign = compare(actual, expected);
      return sign === -1 || sign === 0;
    }
    case 'exists':
      return actual !== undefined && actual !== null;
    case 'not_exists':
      return actual === undefined || actual === null;
    default:
      return false;
  }
}

/**
 * Evaluates a predicate against a subject (a profile, an event's properties). Total: never throws;
 * a missing path or a type mismatch makes the test false (so `not_equals` and `not_exists` true).
 * String comparisons are case-sensitive; `gt`/`lt` compare numbers with numbers and ISO dates with
 * ISO dates.
 */
export function evaluatePredicate(predicate: PropertyPredicate, subject: unknown): boolean {
  try {
    if (typeof predicate !== 'object' || predicate === null || typeof predicate.path !== 'string')
      return false;
    return testValue(predicate.operator, getPath(subject, predicate.path), predicate.value);
  } catch {
    return false; // hostile data (throwing getters, proxies): the predicate does not hold
  }
}
