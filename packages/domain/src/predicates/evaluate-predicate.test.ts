import { evaluatePredicate } from './evaluate-predicate';
import { getPath } from './get-path';
import { matchesEventTrigger } from './matches-event-trigger';
import type { PropertyPredicate } from './property-predicate';

const profile = {
  country: 'FR',
  firstName: 'Léa',
  age: 34,
  vip: true,
  nickname: null,
  tags: ['dog', 'vip', 3],
  email: 'lea@example.com',
  address: { city: 'Lyon', zip: '69001' },
  orders: [{ total: 120 }, { total: 30 }],
  lastOrderAt: '2024-05-01T10:00:00Z',
  birthday: '1990-02-14',
};

const holds = (
  path: string,
  operator: PropertyPredicate['operator'],
  value?: unknown,
  subject: unknown = profile,
) => evaluatePredicate({ path, operator, value }, subject);

describe('getPath', () => {
  it('reads nested properties and array indexes', () => {
    expect(getPath(profile, 'address.city')).toBe('Lyon');
    expect(getPath(profile, 'orders.1.total')).toBe(30);
    expect(getPath(profile, ['address', 'zip'])).toBe('69001');
  });

  it('reads list elements by canonical index only', () => {
    expect(getPath(profile, 'tags.0')).toBe('dog');
    for (const index of ['length', '-1', '01', '1.0', '99'])
      expect(getPath(profile, ['tags', index])).toBeUndefined();
    expect(getPath({ list: { '01': 'key of an object' } }, 'list.01')).toBe('key of an object');
  });

  it('returns undefined for missing paths and non-objects', () => {
    expect(getPath(profile, 'address.street')).toBeUndefined();
    expect(getPath(profile, 'country.length')).toBeUndefined();
    expect(getPath(null, 'a')).toBeUndefined();
    expect(getPath(profile, 'a..b')).toBeUndefined();
  });

  it('never reaches a prototype', () => {
    expect(getPath({}, '__proto__')).toBeUndefined();
    expect(getPath({}, 'constructor')).toBeUndefined();
    expect(getPath({}, 'constructor.prototype')).toBeUndefined();
    expect(getPath({}, 'hasOwnProperty')).toBeUndefined();
    expect(getPath({}, 'toString')).toBeUndefined();
    expect(getPath(JSON.parse('{"__proto__": {"x": 1}}'), '__proto__.x')).toBeUndefined();
  });
});

describe('evaluatePredicate', () => {
  it('equals / not_equals compare scalars strictly', () => {
    expect(holds('country', 'equals', 'FR')).toBe(true);
    expect(holds('country', 'equals', 'fr')).toBe(false);
    expect(holds('age', 'equals', 34)).toBe(true);
    expect(holds('age', 'equals', '34')).toBe(false);
    expect(holds('vip', 'equals', true)).toBe(true);
    expect(holds('nickname', 'equals', null)).toBe(true);
    expect(holds('address', 'equals', 'Lyon')).toBe(false);
    expect(holds('country', 'not_equals', 'BE')).toBe(true);
    expect(holds('country', 'not_equals', 'FR')).toBe(false);
    expect(holds('missing', 'not_equals', 'FR')).toBe(true);
  });

  it('contains looks into strings and lists', () => {
    expect(holds('email', 'contains', '@example')).toBe(true);
    expect(holds('email', 'contains', 'gmail')).toBe(false);
    expect(holds('tags', 'contains', 'dog')).toBe(true);
    expect(holds('tags', 'contains', 3)).toBe(true);
    expect(holds('tags', 'contains', 'cat')).toBe(false);
    expect(holds('age', 'contains', 3)).toBe(false);
    expect(holds('email', 'contains', 1)).toBe(false);
  });

  it('starts_with works on strings only', () => {
    expect(holds('email', 'starts_with', 'lea@')).toBe(true);
    expect(holds('email', 'starts_with', 'bob')).toBe(false);
    expect(holds('age', 'starts_with', '3')).toBe(false);
  });

  it('in tests membership of a scalar', () => {
    expect(holds('country', 'in', ['BE', 'FR'])).toBe(true);
    expect(holds('country', 'in', ['BE'])).toBe(false);
    expect(holds('tags', 'in', [['dog', 'vip', 3]])).toBe(false);
    expect(holds('country', 'in', 'FR')).toBe(false);
  });

  it('gt / gte / lt / lte compare numbers', () => {
    expect(holds('age', 'gt', 33)).toBe(true);
    expect(holds('age', 'gt', 34)).toBe(false);
    expect(holds('age', 'gte', 34)).toBe(true);
    expect(holds('age', 'lt', 35)).toBe(true);
    expect(holds('age', 'lt', 34)).toBe(false);
    expect(holds('age', 'lte', 34)).toBe(true);
    expect(holds('orders.0.total', 'gt', 100)).toBe(true);
  });

  it('gt / gte / lt / lte compare ISO dates', () => {
    expect(holds('lastOrderAt', 'gt', '2024-04-30')).toBe(true);
    expect(holds('lastOrderAt', 'lt', '2024-05-01T12:00:00+02:00')).toBe(false);
    expect(holds('lastOrderAt', 'lte', '2024-05-01T12:00:00+02:00')).toBe(true);
    expect(holds('birthday', 'lt', '2000-01-01')).toBe(true);
    expect(holds('birthday', 'gte', '1990-02-14T00:00:00Z')).toBe(true);
    expect(
      evaluatePredicate({ path: 'at', operator: 'gt', value: '2020-01-01' }, { at: new Date('2021-01-01') }),
    ).toBe(true);
  });

  it('is false on type mismatches instead of coercing', () => {
    expect(holds('country', 'gt', 1)).toBe(false);
    expect(holds('age', 'gt', '2020-01-01')).toBe(false);
    expect(holds('email', 'lt', '2020-01-01')).toBe(false);
    expect(holds('age', 'gt', 'not a date')).toBe(false);
    expect(evaluatePredicate({ path: 'n', operator: 'gt', value: 1 }, { n: '5' })).toBe(false);
    expect(evaluatePredicate({ path: 'n', operator: 'gte', value: 1 }, { n: NaN })).toBe(false);
    expect(evaluatePredicate({ path: 'n', operator: 'lt', value: 1 }, { n: new Date('nope') })).toBe(false);
  });

  it('exists / not_exists treat null as absent', () => {
    expect(holds('email', 'exists')).toBe(true);
    expect(holds('nickname', 'exists')).toBe(false);
    expect(holds('missing', 'exists')).toBe(false);
    expect(holds('nickname', 'not_exists')).toBe(true);
    expect(holds('missing.deeper', 'not_exists')).toBe(true);
    expect(holds('email', 'not_exists')).toBe(false);
  });

  it('is false on missing paths', () => {
    for (const operator of ['equals', 'contains', 'starts_with', 'in', 'gt', 'gte', 'lt', 'lte'] as const) {
      expect(holds('address.street', operator, operator === 'in' ? ['x'] : 1)).toBe(false);
    }
  });

  it('never throws on weird subjects or predicates', () => {
    const throwing = new Proxy(
      {},
      {
        getOwnPropertyDescriptor() {
          throw new Error('boom');
        },
      },
    );
    const weirdSubjects: unknown[] = [null, undefined, 42, 'str', [], throwing, Object.create(null)];
    for (const subject of weirdSubjects) {
      expect(() => holds('a.b', 'equals', 1, subject)).not.toThrow();
      expect(holds('a.b', 'equals', 1, subject)).toBe(false);
    }
    expect(evaluatePredicate(null as unknown as PropertyPredicate, profile)).toBe(false);
    expect(
      evaluatePredicate({ path: 'country', operator: 'matches' } as unknown as PropertyPredicate, profile),
    ).toBe(false);
  });

  it('cannot be fooled by prototype paths', () => {
    expect(holds('__proto__', 'exists', undefined, {})).toBe(false);
    expect(holds('constructor', 'exists', undefined, {})).toBe(false);
    expect(holds('toString', 'exists', undefined, {})).toBe(false);
    expect(holds('constructor.name', 'equals', 'Object', {})).toBe(false);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('matchesEventTrigger', () => {
  const config = {
    event: 'order.completed',
    filters: [{ path: 'total', operator: 'gte' as const, value: 50 }],
  };

  it('matches on name and every filter', () => {
    expect(matchesEventTrigger(config, { name: 'order.completed', properties: { total: 80 } })).toBe(true);
    expect(matchesEventTrigger(config, { name: 'order.completed', properties: { total: 20 } })).toBe(false);
    expect(matchesEventTrigger(config, { name: 'order.cancelled', properties: { total: 80 } })).toBe(false);
  });

  it('matches any event of that name without filters', () => {
    expect(matchesEventTrigger({ event: 'account.created', filters: [] }, { name: 'account.created' })).toBe(
      true,
    );
    expect(
      matchesEventTrigger({ event: 'account.created' }, { name: 'account.created', properties: {} }),
    ).toBe(true);
  });

  it('evaluates filters on properties, missing properties failing them', () => {
    expect(matchesEventTrigger(config, { name: 'order.completed' })).toBe(false);
  });
});
