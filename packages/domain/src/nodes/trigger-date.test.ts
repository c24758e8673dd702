import { triggerDateNode } from './trigger-date';

const parse = (input: unknown) => triggerDateNode.configSchema.safeParse(input);

describe('trigger.date', () => {
  it('defaults to the yearly anniversary of a date trait, on the day, from 09:00 local time', () => {
    const birthday = parse({ date: { kind: 'trait', trait: 'birthday' } });
    expect(birthday.success && birthday.data).toEqual({
      date: { kind: 'trait', trait: 'birthday', every: 'year' },
      offset: { days: 0, direction: 'after' },
      at: '09:00',
      fallbackTimezone: 'UTC',
    });
  });

  it('takes the last event of a kind, with property filters, and a number of days after it', () => {
    const config = parse({
      date: {
        kind: 'event',
        event: 'order.completed',
        where: [{ path: 'category', operator: 'equals', value: 'kibble' }],
      },
      offset: { days: 14, direction: 'after' },
    });
    expect(config.success).toBe(true);
    expect(triggerDateNode.validate!(config.data!)).toEqual([]);
  });

  it('refuses a day before the last event, which has always passed', () => {
    const config = triggerDateNode.configSchema.parse({
      date: { kind: 'event', event: 'order.completed' },
      offset: { days: 3, direction: 'before' },
    });
    expect(triggerDateNode.validate!(config)).toEqual([
      { path: ['offset', 'direction'], message: expect.stringContaining('only come after') },
    ]);
  });

  it.each([
    ['a prototype path', { date: { kind: 'trait', trait: '__proto__' } }],
    [
      'an offset over a year',
      { date: { kind: 'trait', trait: 'birthday' }, offset: { days: 367, direction: 'after' } },
    ],
    [
      'a negative offset',
      { date: { kind: 'trait', trait: 'birthday' }, offset: { days: -1, direction: 'after' } },
    ],
    ['a time of 25:00', { date: { kind: 'trait', trait: 'birthday' }, at: '25:00' }],
    [
      'an unknown filter operator',
      { date: { kind: 'event', event: 'x', where: [{ path: 'a', operator: 'eval', value: 1 }] } },
    ],
    [
      'an unknown fallback timezone',
      { date: { kind: 'trait', trait: 'birthday' }, fallbackTimezone: 'Nowhere/Land' },
    ],
  ])('refuses %s', (_, input) => {
    expect(parse(input).success).toBe(false);
  });
});
