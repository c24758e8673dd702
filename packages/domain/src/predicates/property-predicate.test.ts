import { propertyPredicateSchema } from './property-predicate';

const accepts = (input: unknown): boolean => propertyPredicateSchema.safeParse(input).success;

describe('propertyPredicateSchema', () => {
  it.each([
    { path: 'country', operator: 'equals', value: 'FR' },
    { path: 'address.city', operator: 'not_equals', value: null },
    { path: 'orders.0.total', operator: 'gt', value: 100 },
    { path: 'tags', operator: 'contains', value: 'vip' },
    { path: 'email', operator: 'starts_with', value: 'admin@' },
    { path: 'country', operator: 'in', value: ['FR', 'BE'] },
    { path: 'birthday', operator: 'lte', value: '2000-01-31' },
    { path: 'lastOrderAt', operator: 'gte', value: '2024-05-01T10:00:00Z' },
    { path: 'email', operator: 'exists' },
    { path: 'email', operator: 'not_exists' },
  ])('accepts %j', (predicate) => {
    expect(accepts(predicate)).toBe(true);
  });

  it.each([
    ['no value for equals', { path: 'country', operator: 'equals' }],
    ['an object for equals', { path: 'country', operator: 'equals', value: { a: 1 } }],
    ['a scalar for in', { path: 'country', operator: 'in', value: 'FR' }],
    ['objects inside in', { path: 'country', operator: 'in', value: [{}] }],
    [
      'a huge list for in',
      { path: 'country', operator: 'in', value: Array.from({ length: 1001 }, (_, i) => i) },
    ],
    ['a non-date string for gt', { path: 'age', operator: 'gt', value: 'eighteen' }],
    ['a zone-less date-time for lt', { path: 'at', operator: 'lt', value: '2024-05-01T10:00:00' }],
    ['an impossible date', { path: 'at', operator: 'lt', value: '2024-02-30' }],
    ['Infinity for gt', { path: 'age', operator: 'gt', value: Infinity }],
    ['a number for starts_with', { path: 'email', operator: 'starts_with', value: 1 }],
    ['null for contains', { path: 'tags', operator: 'contains', value: null }],
    ['an unknown operator', { path: 'country', operator: 'matches', value: '.*' }],
    ['an empty path', { path: '', operator: 'exists' }],
    ['a path with empty segments', { path: 'a..b', operator: 'exists' }],
    ['a path through __proto__', { path: '__proto__.polluted', operator: 'exists' }],
    ['a path through constructor', { path: 'a.constructor.prototype', operator: 'exists' }],
    ['a very long path', { path: 'a'.repeat(201), operator: 'exists' }],
    ['a very long string value', { path: 'a', operator: 'equals', value: 'x'.repeat(1001) }],
    ['null', null],
    ['a string', 'country = FR'],
  ])('refuses %s', (_label, predicate) => {
    expect(accepts(predicate)).toBe(false);
  });

  it('reports a missing value on the value path with a readable message', () => {
    const result = propertyPredicateSchema.safeParse({ path: 'country', operator: 'in' });
    expect(result.success).toBe(false);
    expect(result.error?.issues).toEqual([
      expect.objectContaining({
        path: ['value'],
        message: expect.stringContaining("Operator 'in' needs a value"),
      }),
    ]);
  });
});
