import { randomUUID } from 'node:crypto';
import { computedTraitSpecSchema } from '../computed-traits/computed-trait-definition';
import { segmentCountQuery } from './compile-segment-rule';
import { EXAMPLE_COMPUTED_TRAITS, EXAMPLE_SEGMENTS } from './example-segments';
import {
  checkSegmentReferences,
  computedTraitKeys,
  MAX_EXPANDED_PREDICATES,
  referencedSegmentIds,
  SegmentCycleError,
  SegmentRuleTooLargeError,
  UnknownSegmentError,
} from './segment-references';
import { MAX_RULE_DEPTH, type SegmentRule, segmentRuleSchema } from './segment-rule';

const issuesOf = (input: unknown) => segmentRuleSchema.safeParse(input).error?.issues ?? [];
const endsWith = (full: PropertyKey[], tail: PropertyKey[]) =>
  tail.every((key, i) => full[full.length - tail.length + i] === key);
const trait = (path: string, operator: string, value?: unknown) => ({ type: 'trait', path, operator, value });

describe('segmentRuleSchema', () => {
  it.each([
    ['a trait test', trait('country', 'equals', 'FR')],
    ['a range', trait('age', 'between', [18, 30])],
    ['a date range', trait('lastOrderAt', 'between', ['2026-01-01', '2026-02-01T00:00:00Z'])],
    ['more than 14 days ago', trait('lastOrderAt', 'more_than_ago', { amount: 14, unit: 'days' })],
    ['within the next 7 days', trait('renewalAt', 'within_next', { amount: 7, unit: 'days' })],
    ['14 days ago', trait('lastOrderAt', 'days_ago', 14)],
    ['a birthday this week', trait('birthday', 'anniversary', { withinDays: 6 })],
    ['a computed trait', { type: 'computed', path: 'nps.category', operator: 'equals', value: 'detractor' }],
    ['did perform', { type: 'event', event: 'order.completed', operator: 'gte', value: 1 }],
    ['did not perform', { type: 'event', event: 'order.completed', operator: 'equals', value: 0 }],
    [
      'a sum over 90 days with a filter',
      {
        type: 'event',
        event: 'order.completed',
        where: [{ path: 'category', operator: 'in', value: ['kibble', 'treats'] }],
        within: { amount: 90, unit: 'days' },
        measure: 'sum',
        of: 'total',
        operator: 'gte',
        value: 100,
      },
    ],
    [
      'a last occurrence',
      { type: 'event', event: 'order.completed', measure: 'last', operator: 'days_ago', value: 14 },
    ],
    ['consent', { type: 'consent', channel: 'sms', status: 'none' }],
    ['contactability', { type: 'contactable', channel: 'email' }],
    ['another segment', { type: 'segment', segmentId: randomUUID() }],
    [
      'a combination',
      {
        type: 'and',
        rules: [trait('vip', 'equals', true), { type: 'not', rule: trait('country', 'exists') }],
      },
    ],
  ])('accepts %s', (_label, rule) => {
    expect(issuesOf(rule)).toEqual([]);
  });

  it.each([
    ['an unknown type', { type: 'sql', text: 'true' }, ['type']],
    ['an unknown key (typo)', { ...trait('country', 'equals', 'FR'), vaule: 'FR' }, []],
    ['an unknown operator', trait('country', 'like', '%'), ['operator']],
    ['a missing value', trait('country', 'equals'), ['value']],
    ['a backwards range', trait('age', 'between', [30, 18]), ['value']],
    ['a mixed range', trait('age', 'between', [18, '2026-01-01']), ['value']],
    ['a duration of centuries', trait('at', 'more_than_ago', { amount: 101, unit: 'years' }), ['value']],
    ['a negative duration', trait('at', 'within_last', { amount: -1, unit: 'days' }), ['value']],
    ['an injection in a path', trait("x'); DROP TABLE profiles; --", 'exists'), ['path']],
    ['a path through the prototype', trait('__proto__.admin', 'exists'), ['path']],
    ['a non-canonical list index', trait('orders.-1.total', 'exists'), ['path']],
    [
      'a huge in list',
      trait(
        'country',
        'in',
        Array.from({ length: 1001 }, (_, i) => i),
      ),
      ['value'],
    ],
    ['a huge string', trait('country', 'equals', 'x'.repeat(1001)), ['value']],
    ['empty and', { type: 'and', rules: [] }, ['rules']],
    [
      'too many branches',
      { type: 'or', rules: Array.from({ length: 21 }, () => trait('a', 'exists')) },
      ['rules'],
    ],
    ['a segment id that is not a UUID', { type: 'segment', segmentId: "1' OR '1'='1" }, ['segmentId']],
    ['an unknown channel', { type: 'consent', channel: 'fax', status: 'granted' }, ['channel']],
    [
      'a sum without its property',
      { type: 'event', event: 'o', measure: 'sum', operator: 'gt', value: 1 },
      ['of'],
    ],
    [
      'a count compared with text',
      { type: 'event', event: 'o', operator: 'gt', value: '2026-01-01' },
      ['value'],
    ],
    [
      'a time compared with a number',
      { type: 'event', event: 'o', measure: 'last', operator: 'gt', value: 3 },
      ['value'],
    ],
    [
      'an instant operator on a count',
      { type: 'event', event: 'o', operator: 'days_ago', value: 3 },
      ['operator'],
    ],
    [
      'a rule on membership events',
      { type: 'event', event: 'segment.entered', operator: 'gte', value: 1 },
      ['event'],
    ],
  ])('refuses %s with a message on the field', (_label, rule, path) => {
    const issues = issuesOf(rule);
    expect(issues.length).toBeGreaterThan(0);
    expect(issues[0].message).toEqual(expect.any(String));
    expect(issues.some((issue) => endsWith(issue.path, path))).toBe(true);
  });

  it('refuses deep nesting and too many predicates, without recursing into the input', () => {
    let deep: unknown = trait('a', 'exists');
    for (let i = 0; i < 100_000; i++) deep = { type: 'not', rule: deep };
    expect(issuesOf(deep)[0].message).toContain(`at most ${MAX_RULE_DEPTH} levels`);
    const wide = {
      type: 'and',
      rules: Array.from({ length: 20 }, () => ({
        type: 'or',
        rules: Array.from({ length: 20 }, () => trait('a', 'exists')),
      })),
    };
    expect(issuesOf(wide).map((i) => i.message)).toContain('A rule has at most 50 predicates');
    for (const junk of [null, 'true', 42, [], {}]) expect(issuesOf(junk).length).toBeGreaterThan(0);
  });
});

describe('references between segments', () => {
  const [a, b, c] = [randomUUID(), randomUUID(), randomUUID()];
  const ref = (segmentId: string): SegmentRule => ({ type: 'segment', segmentId });
  const exists = (path: string): SegmentRule => ({ type: 'trait', path, operator: 'exists' });

  it('lists referenced segments and computed traits', () => {
    const rule: SegmentRule = {
      type: 'and',
      rules: [
        ref(a),
        { type: 'not', rule: ref(b) },
        { type: 'computed', path: 'rfm.f', operator: 'gte', value: 4 },
      ],
    };
    expect(referencedSegmentIds(rule).sort()).toEqual([a, b].sort());
    expect(computedTraitKeys(rule)).toEqual(['rfm']);
  });

  it('refuses cycles, self-references and unknown segments', () => {
    const rules: Record<string, SegmentRule> = { [a]: ref(b), [b]: { type: 'or', rules: [ref(c)] } };
    expect(() => checkSegmentReferences(ref(a), (id) => rules[id], c)).toThrow(SegmentCycleError);
    expect(() => checkSegmentReferences(ref(c), (id) => rules[id], c)).toThrow(
      new SegmentCycleError([c, c]).message,
    );
    expect(() => checkSegmentReferences(ref(randomUUID()), (id) => rules[id])).toThrow(UnknownSegmentError);
    expect(() => checkSegmentReferences(ref(a), (id) => ({ ...rules, [c]: exists('x') })[id])).not.toThrow();
  });

  it('refuses references that expand into too big a rule', () => {
    const twenty = (inner: SegmentRule): SegmentRule => ({
      type: 'and',
      rules: Array.from({ length: 20 }, () => inner),
    });
    const rules: Record<string, SegmentRule> = { [a]: twenty(exists('x')), [b]: twenty(ref(a)) };
    expect(() => checkSegmentReferences(ref(b), (id) => rules[id])).toThrow(SegmentRuleTooLargeError);
    expect(MAX_EXPANDED_PREDICATES).toBeLessThan(400);
  });
});

describe('compiled SQL', () => {
  it('carries every value, path and name as a parameter, never in the text', () => {
    const hostile = "'); DROP TABLE profiles; --";
    const rule = segmentRuleSchema.parse({
      type: 'and',
      rules: [
        trait('country', 'equals', hostile),
        trait('tags', 'contains', hostile),
        trait('email', 'starts_with', hostile),
        trait('country', 'in', [hostile, '$1']),
        {
          type: 'event',
          event: hostile,
          where: [{ path: 'category', operator: 'equals', value: hostile }],
          operator: 'gte',
          value: 1,
        },
        { type: 'consent', channel: 'email', status: 'granted' },
      ],
    });
    const { text, values } = segmentCountQuery(randomUUID(), rule, { now: new Date() });
    expect(text).not.toContain('DROP');
    expect(text).not.toContain('country');
    expect(text).not.toContain('category');
    expect(values).toContain(hostile);
    expect(values).toContain(JSON.stringify(hostile));
  });
});

describe('example segments', () => {
  it('are valid rules that read only the example computed traits, which are valid too', () => {
    const keys = EXAMPLE_COMPUTED_TRAITS.map((d) => d.key);
    for (const definition of EXAMPLE_COMPUTED_TRAITS) {
      expect(
        computedTraitSpecSchema.safeParse({ kind: definition.kind, config: definition.config }).success,
      ).toBe(true);
    }
    for (const { name, rule } of EXAMPLE_SEGMENTS) {
      expect({ name, issues: issuesOf(rule) }).toEqual({ name, issues: [] });
      for (const key of computedTraitKeys(rule)) expect(keys).toContain(key);
    }
  });
});
