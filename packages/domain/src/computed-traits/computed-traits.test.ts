import {
  computedTraitKeySchema,
  computedTraitSpecSchema,
  computeTrait,
  type ComputedTraitDefinition,
  traitEvents,
} from './computed-trait-definition';
import { type TraitEvent } from './trait-input';

const NOW = new Date('2027-06-01T12:00:00Z');
const daysAgo = (days: number) => new Date(NOW.getTime() - days * 86_400_000);
const event = (name: string, days: number, properties: Record<string, unknown> = {}): TraitEvent => ({
  name,
  properties,
  occurredAt: daysAgo(days),
});
const define = (key: string, spec: unknown): ComputedTraitDefinition => ({
  key,
  ...(computedTraitSpecSchema.parse(spec) as Omit<ComputedTraitDefinition, 'key'>),
});
const compute = (definition: ComputedTraitDefinition, events: TraitEvent[], scales = {}) =>
  computeTrait(definition, { traits: {}, events }, NOW, scales);

describe('computed traits', () => {
  it('RFM: recency, frequency and an exact total over the period, scored against the base', () => {
    const rfm = define('rfm', { kind: 'rfm' });
    const orders = [
      event('order.completed', 400, { total: 999 }),
      event('order.completed', 40, { total: 0.1 }),
      event('order.completed', 10, { total: 0.2 }),
      event('page.viewed', 1),
    ];
    expect(compute(rfm, orders)).toEqual({
      recencyDays: 10,
      frequency: 2,
      monetary: 0.3,
      lastOrderAt: daysAgo(10).toISOString(),
      r: null,
      f: null,
      m: null,
      score: null,
    });
    const scales = { recencyDays: [180, 90, 30, 7], frequency: [1, 1, 2, 4], monetary: [10, 50, 100, 300] };
    expect(compute(rfm, orders, scales)).toMatchObject({ r: 4, f: 3, m: 1, score: '431' });
    expect(compute(rfm, [event('order.completed', 400)])).toBeUndefined();
    expect(traitEvents(rfm)).toEqual({ names: ['order.completed'], days: 365 });
  });

  it('RFE: engagement points per interaction type (+1 open, +3 visit, +5 click by default)', () => {
    const rfe = define('rfe', { kind: 'rfe' });
    const value = compute(rfe, [
      event('message.opened', 3),
      event('message.opened', 2),
      event('site.visited', 2),
      event('message.clicked', 1),
      event('message.clicked', 200),
    ]);
    expect(value).toMatchObject({ recencyDays: 1, frequency: 4, engagement: 10 });
  });

  it('NPS: the latest answer and its category, CSAT and CES kept', () => {
    const nps = define('nps', { kind: 'nps' });
    const category = (score: number) =>
      (compute(nps, [event('survey.answered', 1, { nps: score })]) as { category: string }).category;
    expect([0, 6, 7, 8, 9, 10].map(category)).toEqual([
      'detractor',
      'detractor',
      'passive',
      'passive',
      'promoter',
      'promoter',
    ]);
    const answers = [
      event('survey.answered', 30, { nps: 10, csat: 2 }),
      event('survey.answered', 5, { nps: 3 }),
      event('survey.answered', 2, { ces: 6, nps: 11 }),
    ];
    expect(compute(nps, answers)).toEqual({
      score: 3,
      category: 'detractor',
      answeredAt: daysAgo(5).toISOString(),
      csat: 2,
      ces: 6,
    });
  });

  it('promophilie: share of orders with a promotion, as a decile over the base', () => {
    const promophilie = define('promophilie', { kind: 'promophilie', config: { minOrders: 2 } });
    const orders = [
      event('order.completed', 1, { promotion: 'SUMMER' }),
      event('order.completed', 2, { promotion: 0 }),
      event('order.completed', 3, { promotion: 5 }),
      event('order.completed', 4),
    ];
    expect(compute(promophilie, orders, { share: [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9] })).toEqual({
      orders: 4,
      promotedOrders: 2,
      share: 0.5,
      decile: 5,
    });
    expect(compute(promophilie, orders.slice(0, 1))).toBeUndefined();
  });

  it('appetence: the preferred category from weighted purchases and views', () => {
    const appetence = define('appetence', {
      kind: 'appetence',
      config: { categories: ['cat', 'dog', 'rodent'] },
    });
    const value = compute(appetence, [
      event('product.viewed', 1, { category: 'dog' }),
      event('product.viewed', 2, { category: 'dog' }),
      event('order.completed', 10, { category: ['cat', 'bird'] }),
      event('product.viewed', 300, { category: 'rodent' }),
    ]);
    expect(value).toBe('cat');
  });

  it('lifecycle: prospect, new, active, loyal, lapsed, inactive', () => {
    const lifecycle = define('lifecycle', { kind: 'lifecycle' });
    const stage = (...days: number[]) =>
      compute(
        lifecycle,
        days.map((d) => event('order.completed', d)),
      );
    expect(stage()).toBe('prospect');
    expect(stage(10)).toBe('new');
    expect(stage(100)).toBe('active');
    expect(stage(100, 50, 20)).toBe('loyal');
    expect(stage(200)).toBe('lapsed');
    expect(stage(400)).toBe('inactive');
  });

  it('repurchase: the usual interval and whether the next order is overdue', () => {
    const repurchase = define('repurchase', { kind: 'repurchase' });
    expect(
      compute(repurchase, [
        event('order.completed', 290),
        event('order.completed', 200),
        event('order.completed', 100),
      ]),
    ).toMatchObject({ usualIntervalDays: 95, overdue: true, overdueDays: 5, orders: 3 });
    expect(compute(repurchase, [event('order.completed', 20), event('order.completed', 10)])).toBeUndefined();
  });

  it('persona: weighted answers, the best total wins', () => {
    const persona = define('persona', {
      kind: 'persona',
      config: {
        personas: ['Sonia', 'Marc'],
        questions: [
          {
            path: 'frequency',
            answers: [
              { answer: 'quarterly', points: { Sonia: 2 } },
              { answer: 'weekly', points: { Marc: 2 } },
            ],
          },
          { path: 'likesNew', answers: [{ answer: true, points: { Sonia: 1, Marc: -1 } }] },
        ],
      },
    });
    expect(
      compute(persona, [
        event('questionnaire.answered', 20, { frequency: 'weekly' }),
        event('questionnaire.answered', 5, { frequency: 'quarterly', likesNew: true }),
      ]),
    ).toBe('Sonia');
    expect(compute(persona, [])).toBeUndefined();
  });

  it('refuses bad keys and configs with a message on the field', () => {
    for (const key of ['RFM', '1rfm', '__proto__', 'a'.repeat(41), 'rfm.f']) {
      expect(computedTraitKeySchema.safeParse(key).success).toBe(false);
    }
    const issues = (spec: unknown) => computedTraitSpecSchema.safeParse(spec).error?.issues ?? [];
    expect(issues({ kind: 'horoscope' })[0].path).toEqual(['kind']);
    expect(issues({ kind: 'rfm', config: { periodDays: 0 } })[0].path).toEqual(['config', 'periodDays']);
    expect(issues({ kind: 'lifecycle', config: { lapsedDays: 400 } })[0].path).toEqual([
      'config',
      'inactiveDays',
    ]);
    expect(issues({ kind: 'rfm', config: { orderEvent: 'segment.entered' } })[0].path).toEqual([
      'config',
      'orderEvent',
    ]);
    expect(
      issues({
        kind: 'persona',
        config: {
          personas: ['A', 'B'],
          questions: [{ path: 'q', answers: [{ answer: 'x', points: { C: 1 } }] }],
        },
      })[0].path,
    ).toEqual(['config', 'questions', 0, 'answers', 0, 'points', 'C']);
  });
});
