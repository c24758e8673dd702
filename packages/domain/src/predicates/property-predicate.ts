import { z } from 'zod';
import { FORBIDDEN_PATH_SEGMENTS } from './get-path';
import { isIsoDate } from './iso-date';

export const PREDICATE_OPERATORS = [
  'equals',
  'not_equals',
  'contains',
  'starts_with',
  'in',
  'gt',
  'gte',
  'lt',
  'lte',
  'exists',
  'not_exists',
] as const;

export type PredicateOperator = (typeof PREDICATE_OPERATORS)[number];

export const MAX_PREDICATE_STRING_LENGTH = 1000;
export const MAX_PREDICATE_LIST_LENGTH = 1000;

export const propertyPathSchema = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[A-Za-z0-9_$-]+(\.[A-Za-z0-9_$-]+)*$/, {
    error: "A path is a dot-separated list of names, e.g. 'address.city'",
  })
  .refine((path) => !path.split('.').some((segment) => FORBIDDEN_PATH_SEGMENTS.has(segment)), {
    error: "A path cannot use '__proto__', 'prototype' or 'constructor'",
  });

type Scalar = string | number | boolean | null;

const isScalar = (value: unknown): value is Scalar =>
  value === null ||
  typeof value === 'boolean' ||
  (typeof value === 'number' && Number.isFinite(value)) ||
  (typeof value === 'string' && value.length <= MAX_PREDICATE_STRING_LENGTH);

/** Which `value` each operator needs; `undefined` when the operator takes none. */
const VALUE_RULES: Record<
  PredicateOperator,
  { accepts: (value: unknown) => boolean; expected: string } | undefined
> = {
  equals: { accepts: isScalar, expected: 'a string, number, boolean or null' },
  not_equals: { accepts: isScalar, expected: 'a string, number, boolean or null' },
  contains: { accepts: (v) => isScalar(v) && v !== null, expected: 'a string, number or boolean' },
  starts_with: { accepts: (v) => typeof v === 'string' && isScalar(v), expected: 'a string' },
  in: {
    accepts: (v) => Array.isArray(v) && v.length <= MAX_PREDICATE_LIST_LENGTH && v.every(isScalar),
    expected: `a list of at most ${MAX_PREDICATE_LIST_LENGTH} strings, numbers, booleans or nulls`,
  },
  gt: { accepts: isOrderable, expected: 'a number or an ISO date' },
  gte: { accepts: isOrderable, expected: 'a number or an ISO date' },
  lt: { accepts: isOrderable, expected: 'a number or an ISO date' },
  lte: { accepts: isOrderable, expected: 'a number or an ISO date' },
  exists: undefined,
  not_exists: undefined,
};

function isOrderable(value: unknown): boolean {
  return (typeof value === 'number' && Number.isFinite(value)) || isIsoDate(value);
}

/** A test on one property of a profile or an event, e.g. `{ path: 'country', operator: 'equals', value: 'FR' }`. */
export const propertyPredicateSchema = z
  .object({
    path: propertyPathSchema.meta({ title: 'Property', examples: ['country', 'address.city'] }),
    operator: z.enum(PREDICATE_OPERATORS).meta({ title: 'Operator' }),
    value: z.unknown().optional().meta({ title: 'Value' }),
  })
  .superRefine((predicate, ctx) => {
    const rule = VALUE_RULES[predicate.operator];
    if (rule && !rule.accepts(predicate.value)) {
      ctx.addIssue({
        code: 'custom',
        path: ['value'],
        message:
          predicate.value === undefined
            ? `Operator '${predicate.operator}' needs a value: ${rule.expected}`
            : `Operator '${predicate.operator}' needs ${rule.expected}`,
      });
    }
  });

export type PropertyPredicate = z.output<typeof propertyPredicateSchema>;
