import { EXAMPLE_SEGMENTS, segmentRuleSchema } from '@parcours/domain';
import {
  draftToRule,
  type EventDraft,
  type GroupDraft,
  moveNode,
  newCondition,
  newGroup,
  placeErrors,
  type Rule,
  rootDraftOf,
  ruleToDraft,
  type TraitDraft,
  updateNode,
} from './rule-draft';

const SEGMENT_ID = '3b0c7f2e-8a51-4d6b-9a0e-2f1c3d4e5f60';

// Every predicate, every operator shape and measure, nested and negated: what the builder must
// carry through unchanged.
const RULES: [string, Rule][] = [
  [
    'every predicate under and / or / not',
    {
      type: 'and',
      rules: [
        { type: 'trait', path: 'country', operator: 'equals', value: 'FR' },
        { type: 'trait', path: 'age', operator: 'gte', value: 18 },
        { type: 'trait', path: 'vip', operator: 'equals', value: true },
        { type: 'trait', path: 'city', operator: 'in', value: ['Paris', 'Lyon'] },
        { type: 'trait', path: 'score', operator: 'between', value: [1, 5] },
        { type: 'trait', path: 'phone', operator: 'not_exists' },
        { type: 'trait', path: 'birthday', operator: 'anniversary', value: { withinDays: 7 } },
        { type: 'trait', path: 'signedUpAt', operator: 'days_ago', value: 14 },
        { type: 'trait', path: 'lastSeenAt', operator: 'within_last', value: { amount: 3, unit: 'weeks' } },
        {
          type: 'or',
          rules: [
            { type: 'consent', channel: 'sms', status: 'none' },
            { type: 'contactable', channel: 'email' },
            { type: 'not', rule: { type: 'segment', segmentId: SEGMENT_ID } },
          ],
        },
        { type: 'computed', path: 'rfm.f', operator: 'gte', value: 4 },
        {
          type: 'not',
          rule: { type: 'or', rules: [{ type: 'trait', path: 'churned', operator: 'exists' }] },
        },
      ],
    },
  ],
  [
    'event predicates: did, did not, measures, windows, filters',
    {
      type: 'or',
      rules: [
        { type: 'event', event: 'order.completed', operator: 'gte', value: 1 },
        {
          type: 'event',
          event: 'order.refunded',
          within: { amount: 90, unit: 'days' },
          operator: 'equals',
          value: 0,
        },
        {
          type: 'event',
          event: 'order.completed',
          where: [
            { path: 'category', operator: 'in', value: ['kibble', 'treats'] },
            { path: 'total', operator: 'gt', value: 20 },
          ],
          within: { amount: 6, unit: 'months' },
          measure: 'sum',
          of: 'total',
          operator: 'between',
          value: [100, 500],
        },
        { type: 'event', event: 'order.completed', operator: 'gte', value: 3 },
        {
          type: 'event',
          event: 'order.completed',
          measure: 'last',
          operator: 'more_than_ago',
          value: { amount: 14, unit: 'days' },
        },
        {
          type: 'event',
          event: 'site.visited',
          measure: 'first',
          operator: 'lt',
          value: '2025-01-01',
        },
      ],
    },
  ],
  ...EXAMPLE_SEGMENTS.map((example): [string, Rule] => [example.name, example.rule as unknown as Rule]),
];

describe('rule ↔ builder draft', () => {
  it.each(RULES)('carries %s through the builder unchanged, as a rule the API accepts', (_label, rule) => {
    expect(segmentRuleSchema.safeParse(rule).success).toBe(true);
    const draft = rootDraftOf(rule);
    const { rule: back } = draftToRule(draft);
    const wrapped = rule.type === 'and' || rule.type === 'or' ? rule : { type: 'and', rules: [rule] };
    expect(back).toEqual(wrapped);
    expect(segmentRuleSchema.safeParse(back).success).toBe(true);
  });

  it('reads "did" and "did not" as such, and anything else as a measure', () => {
    const did = ruleToDraft({ type: 'event', event: 'a', operator: 'gte', value: 1 }) as EventDraft;
    const didNot = ruleToDraft({ type: 'event', event: 'a', operator: 'equals', value: 0 }) as EventDraft;
    const twice = ruleToDraft({ type: 'event', event: 'a', operator: 'gte', value: 2 }) as EventDraft;
    expect([did.mode, didNot.mode, twice.mode]).toEqual(['did', 'did_not', 'measure']);
  });

  it('keeps `not not x` meaning the same', () => {
    const rule = { type: 'not', rule: { type: 'not', rule: { type: 'contactable', channel: 'push' } } };
    const { rule: back } = draftToRule(rootDraftOf(rule));
    expect(back).toEqual({
      type: 'and',
      rules: [
        {
          type: 'not',
          rule: { type: 'and', rules: [{ type: 'not', rule: { type: 'contactable', channel: 'push' } }] },
        },
      ],
    });
  });

  it('builds a fresh draft into a valid rule, leaving empty groups out', () => {
    const trait = { ...(newCondition('trait') as TraitDraft), path: 'country' };
    trait.value = { ...trait.value, text: 'FR' };
    const event = { ...(newCondition('event') as EventDraft), event: 'order.completed' };
    const root: GroupDraft = newGroup('and', [trait, newGroup('or'), newGroup('or', [event])]);
    const { rule } = draftToRule(root);
    expect(rule).toEqual({
      type: 'and',
      rules: [
        { type: 'trait', path: 'country', operator: 'equals', value: 'FR' },
        { type: 'or', rules: [{ type: 'event', event: 'order.completed', operator: 'gte', value: 1 }] },
      ],
    });
    expect(segmentRuleSchema.safeParse(rule).success).toBe(true);
    expect(draftToRule(newGroup('and', [newGroup('or')])).rule).toBeNull();
  });

  it('types values as asked, and leaves what is not a number for the API to name', () => {
    const trait = newCondition('trait') as TraitDraft;
    const rule = (operator: TraitDraft['operator'], value: Partial<TraitDraft['value']>) =>
      draftToRule(newGroup('and', [{ ...trait, path: 'x', operator, value: { ...trait.value, ...value } }]))
        .rule as { rules: Rule[] };
    expect(rule('equals', { type: 'number', text: ' 4.5 ' }).rules[0].value).toBe(4.5);
    expect(rule('equals', { type: 'number', text: 'four' }).rules[0].value).toBe('four');
    expect(rule('equals', { type: 'text', text: '42' }).rules[0].value).toBe('42');
    expect(rule('equals', { type: 'boolean', text: 'false' }).rules[0].value).toBe(false);
    expect(rule('in', { type: 'number', text: '1, 2,,3 ' }).rules[0].value).toEqual([1, 2, 3]);
    expect(rule('between', { type: 'text', text: '2025-01-01', upper: '2025-12-31' }).rules[0].value).toEqual(
      ['2025-01-01', '2025-12-31'],
    );
    expect(rule('within_next', { text: '2', unit: 'months' }).rules[0].value).toEqual({
      amount: 2,
      unit: 'months',
    });
    expect(rule('exists', { text: 'ignored' }).rules[0]).toEqual({
      type: 'trait',
      path: 'x',
      operator: 'exists',
    });
  });
});

describe('placing the API’s errors on the builder', () => {
  it('finds the element and field of each error path, through negations, groups and filters', () => {
    const rule = {
      type: 'and',
      rules: [
        { type: 'trait', path: 'country', operator: 'equals', value: 'FR' },
        {
          type: 'not',
          rule: {
            type: 'event',
            event: 'order.completed',
            where: [{ path: 'total', operator: 'gt', value: 1 }],
            operator: 'gte',
            value: 1,
          },
        },
        { type: 'or', rules: [{ type: 'computed', path: 'rfm.f', operator: 'gte', value: 4 }] },
      ],
    };
    const root = rootDraftOf(rule) as GroupDraft;
    const [trait, event, group] = root.children;
    const filter = (event as EventDraft).where[0];
    const computed = (group as GroupDraft).children[0];
    const { paths } = draftToRule(root);
    const errors = placeErrors(
      {
        name: 'Another active segment has this name',
        rule: 'No computed trait is declared under rfm',
        'rule.rules.0.value.1': 'bad bound',
        'rule.rules.0.path': 'bad path',
        'rule.rules.1.rule.event': 'bad event',
        'rule.rules.1.rule.where.0.path': 'bad filter path',
        'rule.rules.1': 'whole negation',
        'rule.rules.2.rules.0.operator': 'bad operator',
      },
      paths,
    );
    expect(errors.get(root.id)).toEqual(new Map([['', 'No computed trait is declared under rfm']]));
    expect(errors.get(trait.id)).toEqual(
      new Map([
        ['value', 'bad bound'],
        ['path', 'bad path'],
      ]),
    );
    expect(errors.get(event.id)).toEqual(
      new Map([
        ['event', 'bad event'],
        ['', 'whole negation'],
      ]),
    );
    expect(errors.get(filter.id)).toEqual(new Map([['path', 'bad filter path']]));
    expect(errors.get(computed.id)).toEqual(new Map([['operator', 'bad operator']]));
  });

  it('follows the rule as sent when empty groups were left out', () => {
    const trait = { ...(newCondition('trait') as TraitDraft), path: 'a b' };
    const root = newGroup('and', [newGroup('or'), trait]);
    const { paths } = draftToRule(root);
    expect(placeErrors({ 'rule.rules.0.path': 'bad path' }, paths).get(trait.id)).toEqual(
      new Map([['path', 'bad path']]),
    );
  });
});

describe('editing the draft', () => {
  it('updates, removes and moves elements anywhere in the tree', () => {
    const a = newCondition('consent');
    const b = newCondition('contactable');
    const inner = newGroup('or', [a, b]);
    const root = newGroup('and', [inner]);
    const moved = moveNode(root, b.id, -1);
    expect((moved.children[0] as GroupDraft).children.map((c) => c.id)).toEqual([b.id, a.id]);
    expect(moveNode(root, a.id, -1)).toEqual(root);
    const removed = updateNode(root, a.id, () => null);
    expect((removed.children[0] as GroupDraft).children.map((c) => c.id)).toEqual([b.id]);
    const negated = updateNode(root, inner.id, (node) => ({ ...node, negated: true }));
    expect(draftToRule(negated).rule).toEqual({
      type: 'and',
      rules: [
        {
          type: 'not',
          rule: {
            type: 'or',
            rules: [
              { type: 'consent', channel: 'email', status: 'granted' },
              { type: 'contactable', channel: 'email' },
            ],
          },
        },
      ],
    });
  });
});
