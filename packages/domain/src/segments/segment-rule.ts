import { z } from 'zod';
import { isIsoDate, parseIsoDate } from '../predicates/iso-date';
import {
  PREDICATE_OPERATORS,
  type PredicateOperator,
  propertyPathSchema,
  propertyPredicateSchema,
} from '../predicates/property-predicate';
import { consentChannelSchema } from '../profiles/profile-traits';
import { relativeDurationSchema, type RelativeDuration } from './relative-time';

/** Nesting of and / or / not. */
export const MAX_RULE_DEPTH = 6;
/** Predicates (leaves) in one rule, segments it refers to not counted. */
export const MAX_RULE_PREDICATES = 50;
/** Rules under one and / or. */
export const MAX_RULE_BRANCHES = 20;
/** Property filters of one event predicate. */
export const MAX_EVENT_FILTERS = 10;
export const MAX_ANNIVERSARY_DAYS = 366;

/** Membership events are what segments produce: a rule on them would feed on its own output. */
export const SEGMENT_EVENT_PREFIX = 'segment.';

/** Operators beyond the property predicates': ranges and dates relative to now. */
export const RANGE_AND_RELATIVE_OPERATORS = [
  'between',
  'more_than_ago',
  'within_last',
  'within_next',
  'days_ago',
  'anniversary',
] as const;
export const RULE_OPERATORS = [...PREDICATE_OPERATORS, ...RANGE_AND_RELATIVE_OPERATORS] as const;
export type RuleOperator = (typeof RULE_OPERATORS)[number];

export const EVENT_MEASURES = ['count', 'sum', 'avg', 'min', 'max', 'first', 'last'] as const;
export type EventMeasure = (typeof EVENT_MEASURES)[number];
export const AMOUNT_MEASURES: readonly EventMeasure[] = ['count', 'sum', 'avg', 'min', 'max'];

const AMOUNT_OPERATORS: readonly RuleOperator[] = ['equals', 'gt', 'gte', 'lt', 'lte', 'between'];
const INSTANT_OPERATORS: readonly RuleOperator[] = [
  'gt',
  'gte',
  'lt',
  'lte',
  'between',
  'more_than_ago',
  'within_last',
  'within_next',
  'days_ago',
];

/**
 * A path in a rule. A name made of digits is a list index and must be written canonically ('0',
 * '12'): Postgres would read '-1' or '01' as indexes where JSON has no such element.
 */
export const rulePathSchema = propertyPathSchema.refine(
  (path) => path.split('.').every((name) => !/^-?[0-9]+$/.test(name) || /^(0|[1-9][0-9]{0,8})$/.test(name)),
  { error: "A list index in a path is written '0', '1', '12'… (no sign, no leading zero, at most 9 digits)" },
);

/** A test on one value: `{ operator: 'gte', value: 18 }`, `{ operator: 'more_than_ago', value: { amount: 14, unit: 'days' } }`. */
export interface ValueTest {
  operator: RuleOperator;
  value?: unknown;
}

export interface TraitRule extends ValueTest {
  type: 'trait';
  path: string;
}

/** On `profiles.computed_traits`: the path starts with the computed trait's key (`rfm.f`). */
export interface ComputedRule extends ValueTest {
  type: 'computed';
  path: string;
}

export interface EventFilter extends ValueTest {
  path: string;
}

/**
 * What the customer did: the events named `event` (with `where` holding on their properties, in
 * the last `within`) measured (`count` by default; `sum`, `avg`, `min`, `max` of the number at
 * `of`; `first` or `last` occurrence time) and tested. Did = count gte 1; did not = count equals 0.
 */
export interface EventRule extends ValueTest {
  type: 'event';
  event: string;
  where?: EventFilter[];
  within?: RelativeDuration;
  measure?: EventMeasure;
  of?: string;
}

export type ConsentStatus = 'granted' | 'revoked' | 'none';

export interface ConsentRule {
  type: 'consent';
  channel: 'email' | 'sms' | 'push';
  /** `none`: no decision recorded for the channel. */
  status: ConsentStatus;
}

/** Consent granted and an address to send to (email: an email; sms: a phone; push: consent only). */
export interface ContactableRule {
  type: 'contactable';
  channel: 'email' | 'sms' | 'push';
}

/** Matches the other segment's current rule (never a cycle). */
export interface SegmentMembershipRule {
  type: 'segment';
  segmentId: string;
}

export interface AndRule {
  type: 'and';
  rules: SegmentRule[];
}
export interface OrRule {
  type: 'or';
  rules: SegmentRule[];
}
export interface NotRule {
  type: 'not';
  rule: SegmentRule;
}

export type PredicateRule =
  TraitRule | ComputedRule | EventRule | ConsentRule | ContactableRule | SegmentMembershipRule;
export type SegmentRule = AndRule | OrRule | NotRule | PredicateRule;

const isFiniteNumber = (value: unknown): value is number =>
  typeof value === 'number' && Number.isFinite(value);

/** What `between` needs: two numbers or two ISO dates, the lower first. */
function checkRange(value: unknown): string | undefined {
  if (!Array.isArray(value) || value.length !== 2) return 'two bounds, [lower, upper]';
  const [lower, upper] = value as unknown[];
  if (isFiniteNumber(lower) && isFiniteNumber(upper))
    return lower <= upper ? undefined : 'the lower bound first';
  if (isIsoDate(lower) && isIsoDate(upper)) {
    return parseIsoDate(lower)! <= parseIsoDate(upper)! ? undefined : 'the earlier date first';
  }
  return 'two numbers or two ISO dates';
}

const wholeDays = z.int().min(0).max(36_525);
const anniversaryValue = z.strictObject({ withinDays: z.int().min(0).max(MAX_ANNIVERSARY_DAYS) });

/** Adds an issue on `value` when it does not suit the operator. */
function checkValueTest(test: ValueTest, ctx: z.RefinementCtx, allowed?: readonly RuleOperator[]): void {
  const { operator, value } = test;
  const issue = (message: string, path: PropertyKey[] = ['value']) =>
    ctx.addIssue({ code: 'custom', path, message });
  if (allowed && !allowed.includes(operator)) {
    issue(`Operator '${operator}' does not apply here; use one of ${allowed.join(', ')}`, ['operator']);
    return;
  }
  switch (operator) {
    case 'between': {
      const problem = checkRange(value);
      if (problem) issue(`Operator 'between' needs ${problem}`);
      return;
    }
    case 'more_than_ago':
    case 'within_last':
    case 'within_next': {
      const parsed = relativeDurationSchema.safeParse(value);
      if (!parsed.success) {
        issue(
          `Operator '${operator}' needs a duration, e.g. { "amount": 14, "unit": "days" } (${parsed.error.issues[0].message})`,
        );
      }
      return;
    }
    case 'days_ago':
      if (!wholeDays.safeParse(value).success)
        issue("Operator 'days_ago' needs a whole number of days, 0 to 36525");
      return;
    case 'anniversary':
      if (!anniversaryValue.safeParse(value).success) {
        issue(`Operator 'anniversary' needs { "withinDays": 0 to ${MAX_ANNIVERSARY_DAYS} } (0: today)`);
      }
      return;
    default: {
      // The property predicates' operators keep their own rules (see property-predicate.ts).
      const parsed = propertyPredicateSchema.safeParse({
        path: 'x',
        operator: operator as PredicateOperator,
        value,
      });
      for (const problem of parsed.error?.issues ?? []) issue(problem.message);
    }
  }
}

const operatorSchema = z.enum(RULE_OPERATORS).meta({ title: 'Operator' });
const valueSchema = z.unknown().optional().meta({ title: 'Value' });
const channelSchema = consentChannelSchema.meta({ title: 'Channel' });

/** A test on one property of an event, e.g. `category equals "kibble"`. */
export const eventFilterSchema = z
  .strictObject({ path: rulePathSchema, operator: operatorSchema, value: valueSchema })
  .superRefine((filter, ctx) => checkValueTest(filter, ctx));

const traitRuleSchema = z
  .strictObject({
    type: z.literal('trait'),
    path: rulePathSchema.meta({ examples: ['country', 'address.city'] }),
    operator: operatorSchema,
    value: valueSchema,
  })
  .superRefine((rule, ctx) => checkValueTest(rule, ctx));

const computedRuleSchema = z
  .strictObject({
    type: z.literal('computed'),
    path: rulePathSchema.meta({ examples: ['rfm.f', 'nps.category', 'appetence.preferred'] }),
    operator: operatorSchema,
    value: valueSchema,
  })
  .superRefine((rule, ctx) => checkValueTest(rule, ctx));

const eventRuleSchema = z
  .strictObject({
    type: z.literal('event'),
    event: z
      .string()
      .min(1)
      .max(200)
      .refine((name) => !name.startsWith(SEGMENT_EVENT_PREFIX), {
        error: `Events named '${SEGMENT_EVENT_PREFIX}…' record segment changes; test membership with a 'segment' rule`,
      })
      .meta({ examples: ['order.completed'] }),
    where: z.array(eventFilterSchema).max(MAX_EVENT_FILTERS).optional(),
    within: relativeDurationSchema.optional(),
    measure: z
      .enum(EVENT_MEASURES)
      .optional()
      .meta({ description: 'count (default), sum, avg, min, max, first, last' }),
    of: rulePathSchema
      .optional()
      .meta({ description: 'The property summed, averaged… (sum, avg, min, max)' }),
    operator: operatorSchema,
    value: valueSchema,
  })
  .superRefine((rule, ctx) => {
    const measure = rule.measure ?? 'count';
    const amount = AMOUNT_MEASURES.includes(measure);
    const needsProperty = amount && measure !== 'count';
    if (needsProperty && rule.of === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['of'],
        message: `Measure '${measure}' needs the property to read ('of')`,
      });
    }
    if (!needsProperty && rule.of !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['of'], message: `Measure '${measure}' reads no property` });
    }
    checkValueTest(rule, ctx, amount ? AMOUNT_OPERATORS : INSTANT_OPERATORS);
    if (amount && rule.operator !== 'between' && !isFiniteNumber(rule.value)) {
      ctx.addIssue({
        code: 'custom',
        path: ['value'],
        message: `Measure '${measure}' is compared with a number`,
      });
    }
    if (
      amount &&
      rule.operator === 'between' &&
      !(Array.isArray(rule.value) && rule.value.every(isFiniteNumber))
    ) {
      ctx.addIssue({
        code: 'custom',
        path: ['value'],
        message: `Measure '${measure}' is compared with numbers`,
      });
    }
    const comparesDates = ['gt', 'gte', 'lt', 'lte', 'between'].includes(rule.operator);
    const dates = Array.isArray(rule.value) ? rule.value : [rule.value];
    if (!amount && comparesDates && !dates.every(isIsoDate)) {
      ctx.addIssue({
        code: 'custom',
        path: ['value'],
        message: `Measure '${measure}' is a time: compare it with ISO dates`,
      });
    }
  });

const consentRuleSchema = z.strictObject({
  type: z.literal('consent'),
  channel: channelSchema,
  status: z.enum(['granted', 'revoked', 'none']),
});

const contactableRuleSchema = z.strictObject({ type: z.literal('contactable'), channel: channelSchema });

const segmentMembershipRuleSchema = z.strictObject({
  type: z.literal('segment'),
  segmentId: z.uuid({ error: 'A segment id is a UUID' }),
});

const ruleUnion: z.ZodType<SegmentRule> = z
  .discriminatedUnion('type', [
    z.strictObject({
      type: z.literal('and'),
      get rules() {
        return z.array(ruleUnion).min(1).max(MAX_RULE_BRANCHES);
      },
    }),
    z.strictObject({
      type: z.literal('or'),
      get rules() {
        return z.array(ruleUnion).min(1).max(MAX_RULE_BRANCHES);
      },
    }),
    z.strictObject({
      type: z.literal('not'),
      get rule() {
        return ruleUnion;
      },
    }),
    traitRuleSchema,
    computedRuleSchema,
    eventRuleSchema,
    consentRuleSchema,
    contactableRuleSchema,
    segmentMembershipRuleSchema,
  ])
  .meta({ id: 'SegmentRule', title: 'Segment rule' }) as z.ZodType<SegmentRule>;

/** Depth and number of predicates of raw input, walked without recursion (so any input is safe). */
function measureShape(input: unknown): { depth: number; predicates: number } {
  let depth = 0;
  let predicates = 0;
  const stack: { node: unknown; level: number }[] = [{ node: input, level: 0 }];
  while (stack.length > 0 && depth <= MAX_RULE_DEPTH && predicates <= MAX_RULE_PREDICATES) {
    const { node, level } = stack.pop()!;
    if (typeof node !== 'object' || node === null) continue;
    const { type, rules, rule } = node as { type?: unknown; rules?: unknown; rule?: unknown };
    if (type === 'and' || type === 'or' || type === 'not') {
      depth = Math.max(depth, level + 1);
      const children =
        type === 'not' ? [rule] : Array.isArray(rules) ? rules.slice(0, MAX_RULE_BRANCHES + 1) : [];
      for (const child of children) stack.push({ node: child, level: level + 1 });
    } else {
      predicates++;
    }
  }
  return { depth, predicates };
}

/**
 * A segment rule: and / or / not over predicates on traits, computed traits, events, consent and
 * membership of other segments. Bounded (depth, predicates, branches, list sizes, string lengths)
 * so that no rule is too costly to compile or to run.
 */
export const segmentRuleSchema: z.ZodType<SegmentRule> = z.preprocess((input, ctx) => {
  // Measured before the recursive parse, so a hostile 100 000-level input costs no deep recursion.
  const { depth, predicates } = measureShape(input);
  if (depth > MAX_RULE_DEPTH) {
    ctx.addIssue({
      code: 'custom',
      message: `A rule nests and / or / not at most ${MAX_RULE_DEPTH} levels deep`,
    });
  }
  if (predicates > MAX_RULE_PREDICATES) {
    ctx.addIssue({ code: 'custom', message: `A rule has at most ${MAX_RULE_PREDICATES} predicates` });
  }
  return input;
}, ruleUnion) as z.ZodType<SegmentRule>;
