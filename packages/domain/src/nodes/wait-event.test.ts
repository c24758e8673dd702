import { waitEventNode } from './wait-event';

const schema = waitEventNode.configSchema;

describe('wait.event', () => {
  it('waits for an event with filters and an optional same-as-trigger property', () => {
    const config = schema.parse({
      event: 'checkout.completed',
      filters: [{ path: 'total', operator: 'gt', value: 0 }],
      sameAsTrigger: 'cart.id',
      timeout: { amount: 3, unit: 'days' },
    });
    expect(config.sameAsTrigger).toBe('cart.id');
    expect(waitEventNode.kind).toBe('wait');
    expect(waitEventNode.ports(config)).toEqual(['received', 'timeout']);
  });

  it('listens for its event, so the router delivers it to waiting journeys', () => {
    const config = schema.parse({ event: 'order.placed', timeout: { amount: 1, unit: 'hours' } });
    expect(config.filters).toEqual([]);
    expect(waitEventNode.listensFor!(config)).toEqual(['order.placed']);
  });

  it('reports the 365-day limit on the timeout amount', () => {
    const result = schema.safeParse({ event: 'a', timeout: { amount: 366, unit: 'days' } });
    expect(result.error?.issues).toEqual([
      expect.objectContaining({ path: ['timeout', 'amount'], message: expect.stringContaining('365 days') }),
    ]);
  });

  it.each([
    ['no timeout', { event: 'a' }],
    ['a zero timeout', { event: 'a', timeout: { amount: 0, unit: 'hours' } }],
    ['a fractional timeout', { event: 'a', timeout: { amount: 1.5, unit: 'hours' } }],
    ['weeks', { event: 'a', timeout: { amount: 1, unit: 'weeks' } }],
    ['an empty event', { event: '', timeout: { amount: 1, unit: 'days' } }],
    [
      'a prototype sameAsTrigger path',
      { event: 'a', sameAsTrigger: 'a.__proto__', timeout: { amount: 1, unit: 'days' } },
    ],
    [
      'a sameAsTrigger with spaces',
      { event: 'a', sameAsTrigger: 'cart id', timeout: { amount: 1, unit: 'days' } },
    ],
    [
      '21 filters',
      {
        event: 'a',
        filters: Array(21).fill({ path: 'a', operator: 'exists' }),
        timeout: { amount: 1, unit: 'days' },
      },
    ],
  ])('refuses %s', (_label, input) => {
    expect(schema.safeParse(input).success).toBe(false);
  });
});
