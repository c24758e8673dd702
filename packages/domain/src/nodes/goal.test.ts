import { conversionOf, conversionRevenue } from '../journey/conversion';
import { goalNode } from './goal';

const parse = (input: unknown) => goalNode.configSchema.parse(input);

describe('goal', () => {
  it('has a converted port unless converting ends the journey', () => {
    const goOn = parse({ event: 'order.completed', within: { amount: 7, unit: 'days' } });
    const end = parse({ event: 'order.completed', within: { amount: 7, unit: 'days' }, endJourney: true });
    expect(goOn.endJourney).toBe(false);
    expect(goalNode.ports(goOn)).toEqual(['converted', 'not_converted']);
    expect(goalNode.ports(end)).toEqual(['not_converted']);
  });

  it('listens for its event and may pass at once (already converted), so it does not break loops', () => {
    expect(goalNode.listensFor!(parse({ event: 'signup', within: { amount: 1, unit: 'hours' } }))).toEqual([
      'signup',
    ]);
    expect(goalNode.kind).toBe('wait');
    expect(goalNode.mayPassWithoutWaiting).toBe(true);
  });

  it.each([
    ['no window', { event: 'a' }],
    ['a window over 365 days', { event: 'a', within: { amount: 366, unit: 'days' } }],
    [
      'a prototype revenue path',
      { event: 'a', within: { amount: 1, unit: 'days' }, revenueProperty: '__proto__' },
    ],
    ['a non-boolean endJourney', { event: 'a', within: { amount: 1, unit: 'days' }, endJourney: 'yes' }],
  ])('refuses %s', (_label, input) => {
    expect(goalNode.configSchema.safeParse(input).success).toBe(false);
  });
});

describe('conversionRevenue', () => {
  it('reads a number or a numeric string at the path', () => {
    expect(conversionRevenue({ total: 49.9 }, 'total')).toBe(49.9);
    expect(conversionRevenue({ order: { total: '120.50' } }, 'order.total')).toBe(120.5);
    expect(conversionRevenue({ total: 0 }, 'total')).toBe(0);
  });

  it('is undefined without a path, a value, or a number', () => {
    expect(conversionRevenue({ total: 10 }, undefined)).toBeUndefined();
    expect(conversionRevenue({}, 'total')).toBeUndefined();
    expect(conversionRevenue({ total: 'lots' }, 'total')).toBeUndefined();
    expect(conversionRevenue({ total: '' }, 'total')).toBeUndefined();
    expect(conversionRevenue({ total: Infinity }, 'total')).toBeUndefined();
    expect(conversionRevenue({ total: [10] }, 'total')).toBeUndefined();
  });
});

describe('conversionOf', () => {
  const order = { id: 'e1', occurredAt: '2025-06-01T10:00:00.000Z', properties: { total: '59.90' } };

  it('records the event, when it happened and its revenue', () => {
    expect(conversionOf(order, 'total')).toEqual({
      eventId: 'e1',
      occurredAt: '2025-06-01T10:00:00.000Z',
      revenue: 59.9,
    });
  });

  it('leaves the revenue out when the goal reads none or the event carries no number', () => {
    expect(conversionOf(order, undefined)).toEqual({ eventId: 'e1', occurredAt: order.occurredAt });
    expect(conversionOf({ ...order, properties: { total: 'free' } }, 'total')).not.toHaveProperty('revenue');
  });
});
